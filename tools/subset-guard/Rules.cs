using System.Collections.Generic;

namespace Beacons.SubsetGuard;

/// <summary>
/// The rule ids. Each finding's message says what to use instead; <see cref="All"/> holds one line per rule for --rules.
/// Suppress a genuine false positive with <c>// nf-subset: allow NF0xx reason</c> on the line above (or the same line).
/// </summary>
public static class Rules
{
    public const string LanguageVersion = "NF001";
    public const string Record = "NF002";
    public const string InitAccessor = "NF003";
    public const string WithExpression = "NF004";
    public const string Tuple = "NF005";
    public const string Unsafe = "NF006";
    public const string GenericDeclaration = "NF010";
    public const string GenericUse = "NF011";
    public const string GenericCollection = "NF012";
    public const string Linq = "NF013";
    public const string ForbiddenUsing = "NF014";
    public const string Async = "NF020";
    public const string Span = "NF021";
    public const string StringApi = "NF030";
    public const string HashtableApi = "NF031";
    public const string EncodingGetString = "NF032";
    public const string MathApi = "NF033";
    public const string ArrayApi = "NF034";
    public const string NumericFormat = "NF035";
    public const string EnumToString = "NF036";
    public const string MultiDimensionalArray = "NF037";
    public const string EnumReflection = "NF038";
    public const string Dynamic = "NF040";
    public const string NativeInt = "NF041";
    public const string DefaultInterfaceMember = "NF042";
    public const string RefStruct = "NF043";
    public const string NullableValueType = "NF044";
    public const string Iterator = "NF045";
    public const string MathExactness = "NF046";
    public const string MathLongArgument = "NF047";
    public const string NanoApi = "NF050";

    /// <summary>Rule id to a one-line summary.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new SortedDictionary<string, string>
    {
        [LanguageVersion] = "syntax that does not parse or is not available at C# 9 (file-scoped namespaces, global usings, raw strings, list patterns, ...)",
        [Record] = "record declarations",
        [InitAccessor] = "init accessors",
        [WithExpression] = "with expressions",
        [Tuple] = "tuple types, tuple literals and deconstruction",
        [Unsafe] = "unsafe code, pointers, fixed, stackalloc",
        [GenericDeclaration] = "declarations of generic types or methods",
        [GenericUse] = "generic types/methods other than Action<T>, Action<T1,T2>, Func<TResult>, Func<T,TResult>, Func<T1,T2,TResult>, EventHandler<T>",
        [GenericCollection] = "System.Collections.Generic (List<T>, Dictionary<K,V>, IEnumerable<T>, ...)",
        [Linq] = "LINQ: query syntax and System.Linq.Enumerable calls",
        [ForbiddenUsing] = "using System.Collections.Generic / System.Linq / System.Threading.Tasks (and Concurrent/ObjectModel/Immutable)",
        [Async] = "async/await, Task, ValueTask, IAsyncEnumerable",
        [Span] = "Span<T>, ReadOnlySpan<T>, Memory<T>, ReadOnlyMemory<T>",
        [StringApi] = "string.Join, string.Replace, string.IsNullOrWhiteSpace, string.Create, StringComparison overloads",
        [HashtableApi] = "Hashtable.ContainsKey / TryGetValue",
        [EncodingGetString] = "Encoding.GetString other than GetString(bytes, index, count)",
        [MathApi] = "Math.Round with 2+ arguments, MathF",
        [ArrayApi] = "Array static methods other than IndexOf, Copy, Clear(array, index, length), BinarySearch(..., comparer)",
        [NumericFormat] = "numeric format strings other than D, F, G, N, X (+ precision)",
        [EnumToString] = "enum ToString() / enum in interpolation or concatenation without a format (prints the number on the device)",
        [MultiDimensionalArray] = "multidimensional arrays",
        [EnumReflection] = "Enum.GetValues/GetNames/GetName/IsDefined/Parse/TryParse",
        [Dynamic] = "dynamic",
        [NativeInt] = "nint / nuint",
        [DefaultInterfaceMember] = "default interface members (bodies, static or non-public members in interfaces)",
        [RefStruct] = "ref struct declarations",
        [NullableValueType] = "nullable value types (int?, Nullable<T>, ?. yielding a value type)",
        [Iterator] = "iterators (yield return / yield break)",
        [MathExactness] = "== / != against Math.Floor/Ceiling/Truncate/Round (single precision on ESP32: wrong above 2^24)",
        [MathLongArgument] = "long (or uint/ulong) arguments to Math.Abs/Max/Min/Sign (nanoFramework has int and double overloads only)",
        [NanoApi] = "anything that does not bind against the real nanoFramework assemblies (mscorlib 1.17.11 + toolchain libraries)",
    };
}
