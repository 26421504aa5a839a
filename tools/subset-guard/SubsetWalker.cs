using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Beacons.SubsetGuard;

/// <summary>
/// Applies the rules to one syntax tree. Syntax rules need no binding; semantic rules only fire when a symbol or type
/// resolves, so code against nanoFramework-only APIs (unresolved on the host BCL) is never reported for that alone.
/// </summary>
internal sealed class SubsetWalker : CSharpSyntaxWalker
{
    private const string AllowedDelegates =
        "only Action<T>, Action<T1,T2>, Func<TResult>, Func<T,TResult>, Func<T1,T2,TResult> and EventHandler<TEventArgs> exist";

    private static readonly HashSet<string> GenericCollectionNames = new(StringComparer.Ordinal)
    {
        "List", "Dictionary", "HashSet", "SortedSet", "IEnumerable", "IEnumerator", "ICollection", "IList", "IDictionary",
        "ISet", "IReadOnlyList", "IReadOnlyCollection", "IReadOnlyDictionary", "IReadOnlySet", "Queue", "Stack",
        "LinkedList", "LinkedListNode", "SortedList", "SortedDictionary", "KeyValuePair", "Comparer", "EqualityComparer",
        "IComparer", "IEqualityComparer", "PriorityQueue", "ConcurrentDictionary", "ConcurrentQueue", "ConcurrentBag",
        "ConcurrentStack", "BlockingCollection", "ReadOnlyCollection", "ObservableCollection", "Collection",
        "ImmutableArray", "ImmutableList", "ImmutableDictionary",
    };

    private static readonly HashSet<string> GenericCollectionNamespaces = new(StringComparer.Ordinal)
    {
        "System.Collections.Generic", "System.Collections.Concurrent", "System.Collections.ObjectModel", "System.Collections.Immutable",
    };

    private static readonly HashSet<string> SpanNames = new(StringComparer.Ordinal) { "Span", "ReadOnlySpan", "Memory", "ReadOnlyMemory" };

    private static readonly HashSet<string> AsyncNames = new(StringComparer.Ordinal)
    {
        "Task", "ValueTask", "IAsyncEnumerable", "IAsyncEnumerator", "TaskCompletionSource", "IAsyncDisposable", "ConfiguredTaskAwaitable",
    };

    private static readonly HashSet<string> EnumReflectionMethods = new(StringComparer.Ordinal)
    {
        "GetValues", "GetNames", "GetName", "IsDefined", "Parse", "TryParse", "GetValuesAsUnderlyingType", "Format",
    };

    private static readonly string[] EncodingNames = { "UTF8", "ASCII", "Unicode", "UTF32", "BigEndianUnicode", "Latin1", "Default" };

    private readonly SemanticModel _model;
    private readonly string _path;

    public SubsetWalker(SemanticModel model, string path)
        : base(SyntaxWalkerDepth.Token)
    {
        _model = model;
        _path = path;
    }

    public List<Finding> Findings { get; } = new();

    private void Report(SyntaxNodeOrToken at, string rule, string message)
    {
        FileLinePositionSpan span = at.GetLocation()!.GetLineSpan();
        Findings.Add(new Finding(_path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, rule, message));
    }

    // ---------- C# 9 syntax (NF001) and C# 9 features the runtime lacks (NF002-NF006) ----------

    public override void VisitToken(SyntaxToken token)
    {
        switch (token.Kind())
        {
            case SyntaxKind.SingleLineRawStringLiteralToken:
            case SyntaxKind.MultiLineRawStringLiteralToken:
            case SyntaxKind.InterpolatedSingleLineRawStringStartToken:
            case SyntaxKind.InterpolatedMultiLineRawStringStartToken:
            case SyntaxKind.Utf8StringLiteralToken:
            case SyntaxKind.Utf8SingleLineRawStringLiteralToken:
            case SyntaxKind.Utf8MultiLineRawStringLiteralToken:
                Report(token, Rules.LanguageVersion, "raw / UTF-8 string literals need C# 11 (nanoFramework compiles C# 9); use a regular or verbatim string");
                break;
            case SyntaxKind.UnsafeKeyword:
                Report(token, Rules.Unsafe, "unsafe code is not supported by nanoFramework; use managed arrays and BitConverter");
                break;
        }
    }

    public override void VisitFileScopedNamespaceDeclaration(FileScopedNamespaceDeclarationSyntax node)
    {
        Report(node, Rules.LanguageVersion, "file-scoped namespaces need C# 10 (nanoFramework compiles C# 9); use a block namespace { ... }");
        base.VisitFileScopedNamespaceDeclaration(node);
    }

    public override void VisitUsingDirective(UsingDirectiveSyntax node)
    {
        if (node.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
        {
            Report(node, Rules.LanguageVersion, "global using directives need C# 10 (nanoFramework compiles C# 9); put the using in each file");
        }

        string name = node.NamespaceOrType?.ToString().Replace(" ", string.Empty).Replace("global::", string.Empty) ?? string.Empty;
        foreach (string ns in GenericCollectionNamespaces)
        {
            if (IsNamespaceOrChild(name, ns))
            {
                Report(node, Rules.ForbiddenUsing, $"using {ns}: no generic collections in nanoFramework mscorlib 1.17; use System.Collections (ArrayList, Hashtable) or fixed-size arrays");
            }
        }

        if (IsNamespaceOrChild(name, "System.Linq"))
        {
            Report(node, Rules.ForbiddenUsing, "using System.Linq: LINQ does not exist in nanoFramework; write explicit loops");
        }

        if (IsNamespaceOrChild(name, "System.Threading.Tasks"))
        {
            Report(node, Rules.ForbiddenUsing, "using System.Threading.Tasks: no Task/async in nanoFramework; use Thread, Timer or AutoResetEvent");
        }

        base.VisitUsingDirective(node);
    }

    private static bool IsNamespaceOrChild(string name, string ns) =>
        name == ns || name.StartsWith(ns + ".", StringComparison.Ordinal);

    public override void VisitListPattern(ListPatternSyntax node)
    {
        Report(node, Rules.LanguageVersion, "list patterns need C# 11 (nanoFramework compiles C# 9); index the array explicitly");
        base.VisitListPattern(node);
    }

    public override void VisitCollectionExpression(CollectionExpressionSyntax node)
    {
        Report(node, Rules.LanguageVersion, "collection expressions need C# 12 (nanoFramework compiles C# 9); use new T[] { ... }");
        base.VisitCollectionExpression(node);
    }

    public override void VisitRecordDeclaration(RecordDeclarationSyntax node)
    {
        Report(node.Keyword, Rules.Record, "records are not supported on nanoFramework (need IsExternalInit and generic IEquatable<T>); use a sealed class with get-only properties set in the constructor");
        base.VisitRecordDeclaration(node);
    }

    public override void VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        if (node.IsKind(SyntaxKind.InitAccessorDeclaration))
        {
            Report(node, Rules.InitAccessor, "init accessors need IsExternalInit, absent from nanoFramework mscorlib; use a get-only property set in the constructor (or a private set)");
        }

        base.VisitAccessorDeclaration(node);
    }

    public override void VisitWithExpression(WithExpressionSyntax node)
    {
        Report(node.WithKeyword, Rules.WithExpression, "'with' expressions need records; copy through a constructor or a Copy method");
        base.VisitWithExpression(node);
    }

    public override void VisitTupleType(TupleTypeSyntax node)
    {
        ReportTuple(node);
        base.VisitTupleType(node);
    }

    public override void VisitTupleExpression(TupleExpressionSyntax node)
    {
        ReportTuple(node);
        base.VisitTupleExpression(node);
    }

    public override void VisitParenthesizedVariableDesignation(ParenthesizedVariableDesignationSyntax node)
    {
        ReportTuple(node);
        base.VisitParenthesizedVariableDesignation(node);
    }

    private void ReportTuple(SyntaxNode node) =>
        Report(node, Rules.Tuple, "tuples need the generic System.ValueTuple, absent from nanoFramework; use out parameters or a small class/struct");

    public override void VisitPointerType(PointerTypeSyntax node)
    {
        Report(node, Rules.Unsafe, "pointer types are not supported by nanoFramework; use arrays with an offset");
        base.VisitPointerType(node);
    }

    public override void VisitFunctionPointerType(FunctionPointerTypeSyntax node)
    {
        Report(node, Rules.Unsafe, "function pointers are not supported by nanoFramework; use a delegate");
        base.VisitFunctionPointerType(node);
    }

    public override void VisitFixedStatement(FixedStatementSyntax node)
    {
        Report(node, Rules.Unsafe, "fixed statements are not supported by nanoFramework; use arrays with an offset");
        base.VisitFixedStatement(node);
    }

    public override void VisitStackAllocArrayCreationExpression(StackAllocArrayCreationExpressionSyntax node)
    {
        ReportStackAlloc(node);
        base.VisitStackAllocArrayCreationExpression(node);
    }

    public override void VisitImplicitStackAllocArrayCreationExpression(ImplicitStackAllocArrayCreationExpressionSyntax node)
    {
        ReportStackAlloc(node);
        base.VisitImplicitStackAllocArrayCreationExpression(node);
    }

    private void ReportStackAlloc(SyntaxNode node) =>
        Report(node, Rules.Unsafe, "stackalloc (and Span<T>) is not supported by nanoFramework; allocate a byte[] once and reuse it");

    // ---------- generics (NF010-NF013) ----------

    public override void VisitTypeParameterList(TypeParameterListSyntax node)
    {
        Report(node, Rules.GenericDeclaration, "generic type/method declarations are not supported on stable nanoFramework (CoreLibrary 1.17); write a concrete type (e.g. a typed wrapper over ArrayList, or object)");
        base.VisitTypeParameterList(node);
    }

    public override void VisitGenericName(GenericNameSyntax node)
    {
        ISymbol symbol = Unalias(SymbolOf(node));
        int arity = node.TypeArgumentList.Arguments.Count;
        string name = node.Identifier.ValueText;

        if (symbol is IMethodSymbol method)
        {
            // Explicit type arguments on a method call: Array.Empty<T>() and Enumerable.X<T>() have their own rules.
            if (!IsArrayStatic(method) && !IsLinq(method))
            {
                Report(node, Rules.GenericUse, $"generic method '{name}<...>' is not available on stable nanoFramework; write a non-generic method ({AllowedDelegates})");
            }
        }
        else if (symbol is INamedTypeSymbol type)
        {
            ClassifyType(node, type, "generic type");
        }
        else if (symbol == null || symbol is IErrorTypeSymbol)
        {
            ClassifyUnresolvedGeneric(node, name, arity);
        }

        base.VisitGenericName(node);
    }

    private void ClassifyUnresolvedGeneric(SyntaxNode at, string name, int arity)
    {
        if (IsAllowedDelegate(name, arity))
        {
            return;
        }

        if (AsyncNames.Contains(name))
        {
            ReportAsync(at, name);
        }
        else if (SpanNames.Contains(name))
        {
            ReportSpan(at, name);
        }
        else if (name == "Nullable")
        {
            ReportNullable(at);
        }
        else if (GenericCollectionNames.Contains(name))
        {
            ReportCollection(at, name);
        }
        else
        {
            ReportGenericUse(at, name, arity, "generic type/method");
        }
    }

    /// <summary>Reports a resolved type that is generic or otherwise outside the subset; true if it reported.</summary>
    private bool ClassifyType(SyntaxNode at, ITypeSymbol type, string what)
    {
        if (type is IArrayTypeSymbol array)
        {
            return ClassifyType(at, array.ElementType, what);
        }

        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        INamedTypeSymbol definition = named.OriginalDefinition;
        string ns = definition.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        string name = definition.Name;

        if (named.IsTupleType)
        {
            ReportTuple(at);
            return true;
        }

        if (ns == "System.Threading.Tasks" || (ns == "System.Collections.Generic" && name.StartsWith("IAsync", StringComparison.Ordinal)) || (ns == "System" && name == "IAsyncDisposable"))
        {
            ReportAsync(at, name);
            return true;
        }

        if (ns == "System" && SpanNames.Contains(name))
        {
            ReportSpan(at, name);
            return true;
        }

        if (definition.SpecialType == SpecialType.System_Nullable_T)
        {
            ReportNullable(at);
            return true;
        }

        if (ns == "System" && name == "MathF")
        {
            ReportMathF(at);
            return true;
        }

        if (IsNamespaceOrChild(ns, "System.Linq"))
        {
            ReportLinq(at);
            return true;
        }

        if (GenericCollectionNamespaces.Contains(ns))
        {
            ReportCollection(at, name);
            return true;
        }

        if (!definition.IsGenericType)
        {
            return false;
        }

        if (ns == "System" && IsAllowedDelegate(name, definition.Arity))
        {
            return false;
        }

        ReportGenericUse(at, $"{name}<{new string(',', definition.Arity - 1)}>", definition.Arity, what);
        return true;
    }

    private static bool IsAllowedDelegate(string name, int arity) =>
        (name == "Action" && (arity == 1 || arity == 2)) ||
        (name == "Func" && arity >= 1 && arity <= 3) ||
        (name == "EventHandler" && arity == 1);

    private void ReportGenericUse(SyntaxNode at, string name, int arity, string what = "generic type")
    {
        string hint = name.StartsWith("Action", StringComparison.Ordinal) || name.StartsWith("Func", StringComparison.Ordinal)
            ? $"{name} with {arity} type arguments is not in nanoFramework mscorlib 1.17 ({AllowedDelegates}); declare a specific delegate type"
            : $"{what} '{name}' is not available on stable nanoFramework (no generics on CoreLibrary 1.17; {AllowedDelegates}); use a non-generic type (object, ArrayList, a specific class or delegate)";
        Report(at, Rules.GenericUse, hint);
    }

    private void ReportCollection(SyntaxNode at, string name) =>
        Report(at, Rules.GenericCollection, $"'{name}' (System.Collections.Generic) does not exist in nanoFramework; use ArrayList, Hashtable, Queue, Stack or a fixed-size array");

    private void ReportLinq(SyntaxNode at) =>
        Report(at, Rules.Linq, "LINQ (System.Linq) does not exist in nanoFramework; write an explicit loop over the array/ArrayList");

    private void ReportAsync(SyntaxNode at, string name) =>
        Report(at, Rules.Async, $"'{name}' / async-await are not available in nanoFramework; use Thread, Timer, AutoResetEvent/ManualResetEvent or a callback");

    private void ReportAsync(SyntaxToken at, string name) =>
        Report(at, Rules.Async, $"'{name}' / async-await are not available in nanoFramework; use Thread, Timer, AutoResetEvent/ManualResetEvent or a callback");

    private void ReportSpan(SyntaxNode at, string name) =>
        Report(at, Rules.Span, $"'{name}<T>' is not available on stable nanoFramework; pass byte[] with offset and count (SpanByte only where a device API asks for it)");

    private void ReportNullable(SyntaxNode at) =>
        Report(at, Rules.NullableValueType, "nullable value types need System.Nullable<T>, absent from nanoFramework mscorlib 1.17; use a sentinel value or a separate bool flag");

    private void ReportMathF(SyntaxNode at) =>
        Report(at, Rules.MathApi, "MathF does not exist in nanoFramework; use the double-based System.Math (float overloads exist only for Abs, Min, Max, Clamp, Sign)");

    public override void VisitIdentifierName(IdentifierNameSyntax node)
    {
        string text = node.Identifier.ValueText;
        ISymbol symbol = Unalias(SymbolOf(node));

        if (text == "nint" || text == "nuint")
        {
            if (symbol == null || (symbol is ITypeSymbol t && t.IsNativeIntegerType))
            {
                Report(node, Rules.NativeInt, $"'{text}' (native-sized integer) is not supported by nanoFramework; use int or long");
            }
        }
        else if (text == "dynamic" && symbol is ITypeSymbol { TypeKind: TypeKind.Dynamic })
        {
            Report(node, Rules.Dynamic, "dynamic is not supported by nanoFramework (no DLR); use object and casts");
        }
        else if (node.IsVar)
        {
            // 'var' binds to the inferred type: catches List<T>, Task, spans, ... hidden behind var.
            if (symbol is ITypeSymbol inferred)
            {
                ClassifyType(node, inferred, "inferred type");
            }
        }
        else if (symbol is INamedTypeSymbol type && !IsInsideUsingDirective(node))
        {
            ClassifyType(node, type, "type");
        }
        else if (symbol == null && text == "MathF")
        {
            ReportMathF(node);
        }

        base.VisitIdentifierName(node);
    }

    private static bool IsInsideUsingDirective(SyntaxNode node) => node.FirstAncestorOrSelf<UsingDirectiveSyntax>() != null;

    public override void VisitQueryExpression(QueryExpressionSyntax node)
    {
        ReportLinq(node);
        base.VisitQueryExpression(node);
    }

    // ---------- async (NF020) ----------

    public override void VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        ReportAsyncModifier(node.Modifiers);
        if (node.Parent is InterfaceDeclarationSyntax && (node.Body != null || node.ExpressionBody != null || HasInterfaceOnlyModifier(node.Modifiers)))
        {
            ReportDefaultInterfaceMember(node.Identifier);
        }

        base.VisitMethodDeclaration(node);
    }

    public override void VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        ReportAsyncModifier(node.Modifiers);
        base.VisitLocalFunctionStatement(node);
    }

    public override void VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        ReportAsyncModifier(node.Modifiers);
        base.VisitParenthesizedLambdaExpression(node);
    }

    public override void VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        ReportAsyncModifier(node.Modifiers);
        base.VisitSimpleLambdaExpression(node);
    }

    public override void VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        ReportAsyncModifier(node.Modifiers);
        base.VisitAnonymousMethodExpression(node);
    }

    private void ReportAsyncModifier(SyntaxTokenList modifiers)
    {
        foreach (SyntaxToken modifier in modifiers)
        {
            if (modifier.IsKind(SyntaxKind.AsyncKeyword))
            {
                ReportAsync(modifier, "async");
            }
        }
    }

    public override void VisitAwaitExpression(AwaitExpressionSyntax node)
    {
        ReportAsync(node, "await");
        base.VisitAwaitExpression(node);
    }

    public override void VisitForEachStatement(ForEachStatementSyntax node)
    {
        if (node.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
        {
            ReportAsync(node.AwaitKeyword, "await foreach");
        }

        base.VisitForEachStatement(node);
    }

    public override void VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        if (node.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
        {
            ReportAsync(node.AwaitKeyword, "await foreach");
        }

        base.VisitForEachVariableStatement(node);
    }

    public override void VisitUsingStatement(UsingStatementSyntax node)
    {
        if (node.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
        {
            ReportAsync(node.AwaitKeyword, "await using");
        }

        base.VisitUsingStatement(node);
    }

    public override void VisitLocalDeclarationStatement(LocalDeclarationStatementSyntax node)
    {
        if (node.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
        {
            ReportAsync(node.AwaitKeyword, "await using");
        }

        base.VisitLocalDeclarationStatement(node);
    }

    // ---------- declarations: NF037, NF042-NF045 ----------

    public override void VisitArrayRankSpecifier(ArrayRankSpecifierSyntax node)
    {
        if (node.Rank > 1)
        {
            Report(node, Rules.MultiDimensionalArray, "multidimensional arrays are not supported by nanoFramework; use a jagged array (T[][]) or a flat array with row * width + column");
        }

        base.VisitArrayRankSpecifier(node);
    }

    public override void VisitStructDeclaration(StructDeclarationSyntax node)
    {
        if (node.Modifiers.Any(SyntaxKind.RefKeyword))
        {
            Report(node.Identifier, Rules.RefStruct, "declaring ref structs is not supported on stable nanoFramework; use a class or a plain struct over a byte[]");
        }

        base.VisitStructDeclaration(node);
    }

    public override void VisitPropertyDeclaration(PropertyDeclarationSyntax node)
    {
        if (node.Parent is InterfaceDeclarationSyntax && (node.ExpressionBody != null || HasAccessorBody(node.AccessorList) || HasInterfaceOnlyModifier(node.Modifiers)))
        {
            ReportDefaultInterfaceMember(node.Identifier);
        }

        base.VisitPropertyDeclaration(node);
    }

    public override void VisitIndexerDeclaration(IndexerDeclarationSyntax node)
    {
        if (node.Parent is InterfaceDeclarationSyntax && (node.ExpressionBody != null || HasAccessorBody(node.AccessorList) || HasInterfaceOnlyModifier(node.Modifiers)))
        {
            ReportDefaultInterfaceMember(node.ThisKeyword);
        }

        base.VisitIndexerDeclaration(node);
    }

    public override void VisitEventDeclaration(EventDeclarationSyntax node)
    {
        if (node.Parent is InterfaceDeclarationSyntax && (HasAccessorBody(node.AccessorList) || HasInterfaceOnlyModifier(node.Modifiers)))
        {
            ReportDefaultInterfaceMember(node.Identifier);
        }

        base.VisitEventDeclaration(node);
    }

    public override void VisitInterfaceDeclaration(InterfaceDeclarationSyntax node)
    {
        foreach (MemberDeclarationSyntax member in node.Members)
        {
            if (member is FieldDeclarationSyntax or ConstructorDeclarationSyntax or OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax
                || (member is EventFieldDeclarationSyntax eventField && HasInterfaceOnlyModifier(eventField.Modifiers)))
            {
                ReportDefaultInterfaceMember(member.GetFirstToken());
            }
        }

        base.VisitInterfaceDeclaration(node);
    }

    private static bool HasAccessorBody(AccessorListSyntax accessors) =>
        accessors != null && accessors.Accessors.Any(a => a.Body != null || a.ExpressionBody != null);

    private static bool HasInterfaceOnlyModifier(SyntaxTokenList modifiers) =>
        modifiers.Any(m => m.Kind() is SyntaxKind.StaticKeyword or SyntaxKind.PrivateKeyword or SyntaxKind.ProtectedKeyword
            or SyntaxKind.InternalKeyword or SyntaxKind.VirtualKeyword or SyntaxKind.SealedKeyword or SyntaxKind.AbstractKeyword
            or SyntaxKind.ExternKeyword);

    private void ReportDefaultInterfaceMember(SyntaxToken at) =>
        Report(at, Rules.DefaultInterfaceMember, "default interface members (bodies, static or non-public members in an interface) need runtime support nanoFramework lacks; keep interfaces to public abstract signatures and put the code in a class or static helper");

    public override void VisitNullableType(NullableTypeSyntax node)
    {
        // An unresolved element type (a nanoFramework struct or class the host lacks) proves nothing: only keywords count then.
        ITypeSymbol element = _model.GetTypeInfo(node.ElementType).Type;
        bool valueType = element != null && element.TypeKind != TypeKind.Error
            ? IsNullableOfResolved(_model.GetTypeInfo(node).Type)
            : node.ElementType is PredefinedTypeSyntax p && !p.Keyword.IsKind(SyntaxKind.StringKeyword) && !p.Keyword.IsKind(SyntaxKind.ObjectKeyword);
        if (valueType)
        {
            ReportNullable(node);
        }

        base.VisitNullableType(node);
    }

    public override void VisitConditionalAccessExpression(ConditionalAccessExpressionSyntax node)
    {
        // a?.Length is an int? : the compiler needs Nullable<T> even though no '?' type is written.
        if (IsNullableOfResolved(_model.GetTypeInfo(node).Type))
        {
            Report(node, Rules.NullableValueType, "'?.' on a value-typed member produces a Nullable<T>, absent from nanoFramework mscorlib 1.17; test for null explicitly");
        }

        base.VisitConditionalAccessExpression(node);
    }

    public override void VisitYieldStatement(YieldStatementSyntax node)
    {
        Report(node, Rules.Iterator, "iterators (yield) compile to generic IEnumerable<T>/IEnumerator<T> classes, absent from nanoFramework; fill an array/ArrayList or implement IEnumerator by hand");
        base.VisitYieldStatement(node);
    }

    // ---------- API rules on invocations (NF013, NF030-NF038) ----------

    public override void VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        var access = node.Expression as MemberAccessExpressionSyntax;
        string name = access?.Name.Identifier.ValueText ?? (node.Expression as SimpleNameSyntax)?.Identifier.ValueText;
        int argCount = node.ArgumentList.Arguments.Count;
        var method = SymbolOf(node) as IMethodSymbol;
        IMethodSymbol original = method?.ReducedFrom ?? method;
        ITypeSymbol receiverType = access != null ? _model.GetTypeInfo(access.Expression).Type : null;
        string receiverText = access?.Expression.ToString().Replace(" ", string.Empty);

        bool hashtable = name != null && CheckHashtable(node, name, receiverType);
        if (original != null && !hashtable)
        {
            CheckResolvedCall(node, original, _model.GetSymbolInfo(node).Symbol != null, access, argCount);
        }
        else if (access != null)
        {
            CheckUnresolvedCall(node, name, receiverText, argCount);
        }

        if (name != null)
        {
            CheckEncoding(node, name, receiverType, receiverText, original, argCount);
            CheckToString(node, name, receiverType, access);
            CheckStringComparisonArguments(node, method);
        }

        if (method != null && !IsLinq(method) && method.ReturnType is INamedTypeSymbol returned)
        {
            // A call returning Task/Span/IEnumerable<T> drags the type in even when no name of it is written.
            string ns = returned.OriginalDefinition.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            if (ns == "System.Threading.Tasks" || (ns == "System" && SpanNames.Contains(returned.Name)) || GenericCollectionNamespaces.Contains(ns))
            {
                ClassifyType((SyntaxNode)access?.Name ?? node, returned, "returned type");
            }
        }

        base.VisitInvocationExpression(node);
    }

    private void CheckResolvedCall(InvocationExpressionSyntax node, IMethodSymbol method, bool exact, MemberAccessExpressionSyntax access, int argCount)
    {
        INamedTypeSymbol owner = method.ContainingType;
        string ownerName = owner?.ToDisplayString() ?? string.Empty;
        SyntaxNode at = (SyntaxNode)access?.Name ?? node.Expression;

        if (IsLinq(method))
        {
            ReportLinq(at);
            return;
        }

        if (owner?.SpecialType == SpecialType.System_String)
        {
            bool isStatic = method.IsStatic;
            switch (method.Name)
            {
                case "Join" when isStatic:
                    Report(at, Rules.StringApi, "string.Join does not exist in nanoFramework; append the parts with a StringBuilder");
                    break;
                case "Replace" when !isStatic:
                    Report(at, Rules.StringApi, "string.Replace does not exist in nanoFramework; use StringBuilder.Replace, or IndexOf + Substring");
                    break;
                case "IsNullOrWhiteSpace":
                    Report(at, Rules.StringApi, "string.IsNullOrWhiteSpace does not exist in nanoFramework; use string.IsNullOrEmpty(s) or s.Trim().Length == 0");
                    break;
                case "Create" when isStatic:
                    Report(at, Rules.StringApi, "string.Create does not exist in nanoFramework; use new string(char[]) or a StringBuilder");
                    break;
            }
        }

        if (owner?.SpecialType == SpecialType.System_Array && method.IsStatic)
        {
            CheckArrayStatic(at, method.Name, argCount);
            return;
        }

        if (ownerName == "System.Math" && method.Name == "Round" && argCount >= 2)
        {
            ReportRound(at);
        }

        if (ownerName == "System.Enum" && method.IsStatic && EnumReflectionMethods.Contains(method.Name))
        {
            ReportEnumReflection(at, method.Name);
        }

        if ((owner?.SpecialType == SpecialType.System_String && method.Name == "Format") || (ownerName == "System.Text.StringBuilder" && method.Name == "AppendFormat"))
        {
            CheckCompositeFormat(node, method);
        }

        if (IsTextSink(owner, method.Name))
        {
            // StringBuilder.Append(object), string.Concat(object), Debug.WriteLine(object)...: the enum is boxed and
            // printed by its ToString(), i.e. as a number on the device.
            foreach (ArgumentSyntax argument in node.ArgumentList.Arguments)
            {
                TypeInfo info = _model.GetTypeInfo(argument.Expression);
                if (info.Type?.TypeKind == TypeKind.Enum && info.ConvertedType?.SpecialType == SpecialType.System_Object)
                {
                    ReportEnumText(argument);
                }
            }
        }

        // Type arguments inferred from the arguments: no GenericName in the source, the call is still generic.
        // Only for a call that really bound: a failed overload resolution's candidates prove nothing.
        if (exact && method.IsGenericMethod && node.Expression is not GenericNameSyntax && access?.Name is not GenericNameSyntax)
        {
            Report(at, Rules.GenericUse, $"'{method.Name}' resolves to a generic method (type arguments inferred), not available on stable nanoFramework; call a non-generic overload or write the code out");
        }
    }

    private void CheckUnresolvedCall(InvocationExpressionSyntax node, string name, string receiverText, int argCount)
    {
        SyntaxNode at = ((MemberAccessExpressionSyntax)node.Expression).Name;
        switch (receiverText)
        {
            case "Math" or "System.Math" when name == "Round" && argCount >= 2:
                ReportRound(at);
                break;
            case "Array" or "System.Array":
                CheckArrayStatic(at, name, argCount);
                break;
            case "Enum" or "System.Enum" when EnumReflectionMethods.Contains(name):
                ReportEnumReflection(at, name);
                break;
            case "string" or "String" or "System.String" when name is "Join" or "IsNullOrWhiteSpace" or "Create":
                Report(at, Rules.StringApi, $"string.{name} does not exist in nanoFramework; use StringBuilder / string.IsNullOrEmpty");
                break;
        }
    }

    private void CheckArrayStatic(SyntaxNode at, string name, int argCount)
    {
        switch (name)
        {
            case "IndexOf":
            case "Copy":
                return;
            case "Clear" when argCount == 3:
                return;
            case "Clear":
                Report(at, Rules.ArrayApi, "nanoFramework has only Array.Clear(array, index, length); call Array.Clear(a, 0, a.Length)");
                return;
            case "BinarySearch" when argCount == 3 || argCount == 5:
                return;
            case "BinarySearch":
                Report(at, Rules.ArrayApi, "nanoFramework has only Array.BinarySearch(array, [index, length,] value, IComparer comparer); pass the comparer (null for IComparable elements)");
                return;
            default:
                Report(at, Rules.ArrayApi, $"Array.{name} does not exist in nanoFramework (Array has IndexOf, Copy, Clear, BinarySearch only; no Sort/Reverse/Resize/Fill/Empty/Find); write the loop yourself over a preallocated array");
                return;
        }
    }

    private void ReportRound(SyntaxNode at) =>
        Report(at, Rules.MathApi, "nanoFramework has only Math.Round(double); scale and round (Math.Round(x * 100) / 100) or format with ToString(\"F2\")");

    private void ReportEnumReflection(SyntaxNode at, string name) =>
        Report(at, Rules.EnumReflection, $"Enum.{name} is not supported by nanoFramework; keep an explicit array of the values and a switch that maps names");

    private static bool IsTextSink(INamedTypeSymbol owner, string method)
    {
        if (owner == null)
        {
            return false;
        }

        string name = owner.ToDisplayString();
        return (owner.SpecialType == SpecialType.System_String && method == "Concat")
            || (name == "System.Text.StringBuilder" && method is "Append" or "Insert" or "AppendLine")
            || (name is "System.Console" or "System.Diagnostics.Debug" && method is "Write" or "WriteLine");
    }

    private static bool IsLinq(IMethodSymbol method)
    {
        string ns = (method.ReducedFrom ?? method).ContainingType?.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return IsNamespaceOrChild(ns, "System.Linq");
    }

    private static bool IsArrayStatic(IMethodSymbol method) =>
        method.IsStatic && method.ContainingType?.SpecialType == SpecialType.System_Array;

    private bool CheckHashtable(InvocationExpressionSyntax node, string name, ITypeSymbol receiverType)
    {
        if ((name != "ContainsKey" && name != "TryGetValue") || !IsOrDerivesFrom(receiverType, "System.Collections.Hashtable"))
        {
            return false;
        }

        SyntaxNode at = ((MemberAccessExpressionSyntax)node.Expression).Name;
        Report(at, Rules.HashtableApi, name == "ContainsKey"
            ? "nanoFramework Hashtable has no ContainsKey; use Contains(key)"
            : "nanoFramework Hashtable has no TryGetValue; use Contains(key) and the indexer (or read the indexer and test for null)");
        return true;
    }

    private void CheckEncoding(InvocationExpressionSyntax node, string name, ITypeSymbol receiverType, string receiverText, IMethodSymbol method, int argCount)
    {
        if (name != "GetString" || argCount == 3)
        {
            return;
        }

        bool isEncoding = IsOrDerivesFrom(receiverType, "System.Text.Encoding")
            || IsOrDerivesFrom(method?.ContainingType, "System.Text.Encoding")
            || (receiverText != null && EncodingNames.Any(e => receiverText.EndsWith("Encoding." + e, StringComparison.Ordinal)));
        if (isEncoding)
        {
            Report(((MemberAccessExpressionSyntax)node.Expression).Name, Rules.EncodingGetString,
                "nanoFramework Encoding has only GetString(byte[] bytes, int index, int count); call GetString(bytes, 0, bytes.Length)");
        }
    }

    private void CheckStringComparisonArguments(InvocationExpressionSyntax node, IMethodSymbol method)
    {
        bool takesComparison = method != null && method.Parameters.Any(p => p.Type.ToDisplayString() == "System.StringComparison");
        if (!takesComparison)
        {
            foreach (ArgumentSyntax argument in node.ArgumentList.Arguments)
            {
                ITypeSymbol type = _model.GetTypeInfo(argument.Expression).Type;
                if (type?.ToDisplayString() == "System.StringComparison"
                    || (argument.Expression is MemberAccessExpressionSyntax m && m.Expression.ToString() is "StringComparison" or "System.StringComparison"))
                {
                    takesComparison = true;
                }
            }
        }

        if (takesComparison)
        {
            Report(node.ArgumentList, Rules.StringApi, "overloads taking StringComparison do not exist in nanoFramework; use the ordinal overload (ToLower()/ToUpper() both sides first if case must be ignored)");
        }
    }

    // ---------- formats and enums (NF035, NF036) ----------

    private void CheckToString(InvocationExpressionSyntax node, string name, ITypeSymbol receiverType, MemberAccessExpressionSyntax access)
    {
        if (name != "ToString" || access == null || receiverType == null)
        {
            return;
        }

        SeparatedSyntaxList<ArgumentSyntax> args = node.ArgumentList.Arguments;
        if (receiverType.TypeKind == TypeKind.Enum)
        {
            string format = args.Count > 0 ? _model.GetConstantValue(args[0].Expression).Value as string : null;
            if (format is not ("D" or "d" or "X" or "x"))
            {
                ReportEnumText(access.Name);
            }

            return;
        }

        if (args.Count > 0 && IsNumeric(receiverType) && _model.GetConstantValue(args[0].Expression).Value is string fmt && !NumericFormats.IsStandard(fmt))
        {
            ReportFormat(args[0], fmt);
        }
    }

    public override void VisitInterpolation(InterpolationSyntax node)
    {
        ITypeSymbol type = _model.GetTypeInfo(node.Expression).Type;
        if (type != null)
        {
            if (node.FormatClause == null)
            {
                if (type.TypeKind == TypeKind.Enum)
                {
                    ReportEnumText(node);
                }
            }
            else
            {
                string fmt = node.FormatClause.FormatStringToken.ValueText;
                if (IsNumeric(type) && !NumericFormats.IsStandard(fmt))
                {
                    ReportFormat(node.FormatClause, fmt);
                }
            }
        }

        base.VisitInterpolation(node);
    }

    public override void VisitBinaryExpression(BinaryExpressionSyntax node)
    {
        if (node.IsKind(SyntaxKind.AddExpression))
        {
            CheckEnumConcatenation(node.Left, node.Right);
        }

        base.VisitBinaryExpression(node);
    }

    public override void VisitAssignmentExpression(AssignmentExpressionSyntax node)
    {
        if (node.IsKind(SyntaxKind.AddAssignmentExpression))
        {
            CheckEnumConcatenation(node.Left, node.Right);
        }

        base.VisitAssignmentExpression(node);
    }

    private void CheckEnumConcatenation(ExpressionSyntax left, ExpressionSyntax right)
    {
        ITypeSymbol l = _model.GetTypeInfo(left).Type;
        ITypeSymbol r = _model.GetTypeInfo(right).Type;
        if (l?.SpecialType == SpecialType.System_String && r?.TypeKind == TypeKind.Enum)
        {
            ReportEnumText(right);
        }
        else if (r?.SpecialType == SpecialType.System_String && l?.TypeKind == TypeKind.Enum)
        {
            ReportEnumText(left);
        }
    }

    private void CheckCompositeFormat(InvocationExpressionSyntax node, IMethodSymbol method)
    {
        SeparatedSyntaxList<ArgumentSyntax> args = node.ArgumentList.Arguments;
        int formatIndex = method.Parameters.Length > 0 && method.Parameters[0].Type.Name == "IFormatProvider" ? 1 : 0;
        if (args.Count <= formatIndex || _model.GetConstantValue(args[formatIndex].Expression).Value is not string format)
        {
            return;
        }

        foreach (NumericFormats.Item item in NumericFormats.ParseComposite(format))
        {
            int argIndex = formatIndex + 1 + item.Index;
            ITypeSymbol type = argIndex < args.Count ? _model.GetTypeInfo(args[argIndex].Expression).Type : null;
            if (type == null)
            {
                continue;
            }

            if (item.Format == null && type.TypeKind == TypeKind.Enum)
            {
                ReportEnumText(args[argIndex]);
            }
            else if (item.Format != null && IsNumeric(type) && !NumericFormats.IsStandard(item.Format))
            {
                ReportFormat(args[formatIndex], item.Format);
            }
        }
    }

    private void ReportFormat(SyntaxNode at, string format) =>
        Report(at, Rules.NumericFormat, $"numeric format \"{format}\" is not supported: nanoFramework formats only the standard D, F, G, N, X specifiers (optional precision, e.g. \"F2\", \"X4\", \"D3\")");

    private void ReportEnumText(SyntaxNode at) =>
        Report(at, Rules.EnumToString, "an enum's ToString() prints the number on nanoFramework, not the name; map the value to a string yourself (switch / string table) or cast to int explicitly");

    // ---------- helpers ----------

    private ISymbol SymbolOf(SyntaxNode node)
    {
        SymbolInfo info = _model.GetSymbolInfo(node);
        return info.Symbol ?? (info.CandidateSymbols.Length > 0 ? info.CandidateSymbols[0] : null);
    }

    private static bool IsNullableOfResolved(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
        && nullable.TypeArguments.Length == 1
        && nullable.TypeArguments[0].TypeKind is not (TypeKind.Error or TypeKind.TypeParameter);

    private static ISymbol Unalias(ISymbol symbol) => symbol is IAliasSymbol alias ? alias.Target : symbol;

    private static bool IsNumeric(ITypeSymbol type) => type.SpecialType is SpecialType.System_SByte or SpecialType.System_Byte
        or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
        or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double
        or SpecialType.System_Decimal;

    private static bool IsOrDerivesFrom(ITypeSymbol type, string fullName)
    {
        for (ITypeSymbol t = type; t != null; t = t.BaseType)
        {
            if (t.ToDisplayString() == fullName)
            {
                return true;
            }
        }

        return false;
    }
}
