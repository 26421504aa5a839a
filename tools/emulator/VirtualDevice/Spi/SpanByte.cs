namespace System
{
    /// <summary>
    /// Mirror of nanoFramework mscorlib's System.SpanByte: a window on a byte array (the device's stand-in for
    /// Span&lt;byte&gt;). The BCL has no System.SpanByte, so the host build has no collision.
    /// </summary>
    public readonly ref struct SpanByte
    {
        private readonly byte[] _array;
        private readonly int _start;
        private readonly int _length;

        /// <summary>A span over the whole array (empty for null).</summary>
        public SpanByte(byte[] array)
        {
            _array = array;
            _length = array != null ? array.Length : 0;
            _start = 0;
        }

        /// <summary>A span over <paramref name="length"/> bytes of <paramref name="array"/> from <paramref name="start"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The window does not fit the array.</exception>
        public SpanByte(byte[] array, int start, int length)
        {
            if (array != null)
            {
                if (start < 0 || length < 0 || start + length > array.Length || start > array.Length)
                {
                    throw new ArgumentOutOfRangeException();
                }

                _array = array;
                _start = start;
                _length = length;
            }
            else if (start != 0 || length != 0)
            {
                throw new ArgumentOutOfRangeException();
            }
            else
            {
                _array = null;
                _start = 0;
                _length = 0;
            }
        }

        /// <summary>An empty span.</summary>
        public static SpanByte Empty => new SpanByte();

        /// <summary>Number of bytes.</summary>
        public int Length => _length;

        /// <summary>Whether the span is empty.</summary>
        public bool IsEmpty => _length == 0;

        /// <summary>The byte at <paramref name="index"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is past the end.</exception>
        public byte this[int index]
        {
            get
            {
                if (index >= _length)
                {
                    throw new ArgumentOutOfRangeException();
                }

                return _array[_start + index];
            }

            set
            {
                if (index >= _length)
                {
                    throw new ArgumentOutOfRangeException();
                }

                _array[_start + index] = value;
            }
        }

        /// <summary>A span over a byte array.</summary>
        public static implicit operator SpanByte(byte[] array) => new SpanByte(array);

        /// <summary>Copies the bytes into <paramref name="destination"/>.</summary>
        /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter.</exception>
        public void CopyTo(SpanByte destination)
        {
            if (destination.Length < _length)
            {
                throw new ArgumentException();
            }

            for (int i = 0; i < _length; i++)
            {
                destination[i] = _array[_start + i];
            }
        }

        /// <summary>The bytes from <paramref name="start"/> to the end.</summary>
        public SpanByte Slice(int start) => Slice(start, _length - start);

        /// <summary><paramref name="length"/> bytes from <paramref name="start"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The window does not fit.</exception>
        public SpanByte Slice(int start, int length)
        {
            if (start < 0 || length < 0 || start + length > _length)
            {
                throw new ArgumentOutOfRangeException();
            }

            return new SpanByte(_array, _start + start, length);
        }

        /// <summary>A copy of the bytes.</summary>
        public byte[] ToArray()
        {
            byte[] array = new byte[_length];
            for (int i = 0; i < _length; i++)
            {
                array[i] = _array[_start + i];
            }

            return array;
        }
    }
}
