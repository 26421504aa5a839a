using System;
using System.Collections;
using System.Text;

namespace Beacons.Shared.Configuration
{
    /// <summary>
    /// Strict RFC 8259 JSON reader for configuration and commands. Objects become <see cref="Hashtable"/>, arrays
    /// <see cref="ArrayList"/>, strings <see cref="string"/>, numbers <see cref="double"/>, true/false <see cref="bool"/>
    /// and null <see cref="Null"/>. nanoFramework.Json would do this by reflection into classes, which costs heap and
    /// loses the position of a bad value; config errors here must name the key and the line.
    /// </summary>
    public sealed class JsonParser
    {
        /// <summary>Stands for JSON null (a Hashtable cannot hold a null value distinguishably).</summary>
        public static readonly object Null = new object();

        private const int MaxDepth = 32;
        private readonly string _text;
        private int _pos;

        private JsonParser(string text)
        {
            _text = text;
        }

        /// <summary>Parses a whole document. Throws <see cref="JsonFormatException"/> with line and column on bad input.</summary>
        public static object Parse(string text)
        {
            if (text == null)
            {
                throw new JsonFormatException("empty document", 1, 1);
            }

            var parser = new JsonParser(text);
            parser.SkipSpace();
            object value = parser.ReadValue(0);
            parser.SkipSpace();
            if (parser._pos != text.Length)
            {
                throw parser.Error("unexpected text after the document");
            }

            return value;
        }

        private object ReadValue(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Error("nesting deeper than 32 levels");
            }

            if (_pos >= _text.Length)
            {
                throw Error("unexpected end of document");
            }

            char c = _text[_pos];
            switch (c)
            {
                case '{':
                    return ReadObject(depth);
                case '[':
                    return ReadArray(depth);
                case '"':
                    return ReadString();
                case 't':
                    Expect("true");
                    return true;
                case 'f':
                    Expect("false");
                    return false;
                case 'n':
                    Expect("null");
                    return Null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ReadNumber();
                    }

                    throw Error("unexpected character '" + c + "'");
            }
        }

        private Hashtable ReadObject(int depth)
        {
            var obj = new Hashtable();
            _pos++;
            SkipSpace();
            if (Peek() == '}')
            {
                _pos++;
                return obj;
            }

            while (true)
            {
                SkipSpace();
                if (Peek() != '"')
                {
                    throw Error("expected a quoted key");
                }

                string key = ReadString();
                if (obj.Contains(key))
                {
                    throw Error("duplicate key \"" + key + "\"");
                }

                SkipSpace();
                if (Peek() != ':')
                {
                    throw Error("expected ':' after key \"" + key + "\"");
                }

                _pos++;
                SkipSpace();
                obj[key] = ReadValue(depth + 1);
                SkipSpace();
                char c = Peek();
                _pos++;
                if (c == '}')
                {
                    return obj;
                }

                if (c != ',')
                {
                    _pos--;
                    throw Error("expected ',' or '}'");
                }
            }
        }

        private ArrayList ReadArray(int depth)
        {
            var list = new ArrayList();
            _pos++;
            SkipSpace();
            if (Peek() == ']')
            {
                _pos++;
                return list;
            }

            while (true)
            {
                SkipSpace();
                list.Add(ReadValue(depth + 1));
                SkipSpace();
                char c = Peek();
                _pos++;
                if (c == ']')
                {
                    return list;
                }

                if (c != ',')
                {
                    _pos--;
                    throw Error("expected ',' or ']'");
                }
            }
        }

        private string ReadString()
        {
            _pos++;
            StringBuilder sb = null;
            int runStart = _pos;
            while (true)
            {
                if (_pos >= _text.Length)
                {
                    throw Error("unterminated string");
                }

                char c = _text[_pos];
                if (c == '"')
                {
                    string run = _text.Substring(runStart, _pos - runStart);
                    _pos++;
                    if (sb == null)
                    {
                        return run;
                    }

                    sb.Append(run);
                    return sb.ToString();
                }

                if (c < ' ')
                {
                    throw Error("control character in string");
                }

                if (c != '\\')
                {
                    _pos++;
                    continue;
                }

                if (sb == null)
                {
                    sb = new StringBuilder();
                }

                sb.Append(_text.Substring(runStart, _pos - runStart));
                _pos++;
                if (_pos >= _text.Length)
                {
                    throw Error("unterminated escape");
                }

                char e = _text[_pos++];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 > _text.Length)
                        {
                            throw Error("short \\u escape");
                        }

                        int code = 0;
                        for (int i = 0; i < 4; i++)
                        {
                            int n = Common.Hex.Nibble(_text[_pos + i]);
                            if (n < 0)
                            {
                                throw Error("bad \\u escape");
                            }

                            code = (code << 4) | n;
                        }

                        _pos += 4;
                        sb.Append((char)code);
                        break;
                    default:
                        _pos--;
                        throw Error("unknown escape '\\" + e + "'");
                }

                runStart = _pos;
            }
        }

        private double ReadNumber()
        {
            int start = _pos;
            if (Peek() == '-')
            {
                _pos++;
            }

            if (Peek() == '0')
            {
                _pos++;
            }
            else if (!Digits())
            {
                throw Error("bad number");
            }

            if (Peek() == '.')
            {
                _pos++;
                if (!Digits())
                {
                    throw Error("bad number: digits expected after '.'");
                }
            }

            if (Peek() == 'e' || Peek() == 'E')
            {
                _pos++;
                if (Peek() == '+' || Peek() == '-')
                {
                    _pos++;
                }

                if (!Digits())
                {
                    throw Error("bad number: exponent digits expected");
                }
            }

            double value;
            if (!double.TryParse(_text.Substring(start, _pos - start), out value))
            {
                throw Error("bad number");
            }

            return value;
        }

        private bool Digits()
        {
            int start = _pos;
            while (_pos < _text.Length && _text[_pos] >= '0' && _text[_pos] <= '9')
            {
                _pos++;
            }

            return _pos > start;
        }

        private void Expect(string word)
        {
            if (_pos + word.Length > _text.Length || _text.Substring(_pos, word.Length) != word)
            {
                throw Error("unexpected token");
            }

            _pos += word.Length;
        }

        private char Peek()
        {
            return _pos < _text.Length ? _text[_pos] : '\0';
        }

        private void SkipSpace()
        {
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                {
                    return;
                }

                _pos++;
            }
        }

        private JsonFormatException Error(string problem)
        {
            int line = 1;
            int column = 1;
            for (int i = 0; i < _pos && i < _text.Length; i++)
            {
                if (_text[i] == '\n')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }
            }

            return new JsonFormatException(problem, line, column);
        }
    }
}
