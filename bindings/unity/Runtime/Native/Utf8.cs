using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace Kgen.Native
{
    /// <summary>
    /// Strings cross the C ABI as NUL-terminated UTF-8 in both directions, never
    /// through the runtime's default (ANSI on Windows) string marshalling.
    /// </summary>
    internal static unsafe class Utf8
    {
        // Throws on lone surrogates instead of silently sending U+FFFD.
        static readonly UTF8Encoding Strict = new UTF8Encoding(false, true);

        /// <summary>Copies a native string; NULL reads as "".</summary>
        public static string Read(byte* text)
        {
            if (text == null)
            {
                return string.Empty;
            }
            int length = 0;
            while (text[length] != 0)
            {
                length++;
            }
            return Read(text, length);
        }

        public static string Read(byte* text, int length)
        {
            // The SDK sends valid UTF-8; should a byte ever be wrong, a
            // replacement character beats losing the whole result.
            return text == null || length == 0 ? string.Empty : Encoding.UTF8.GetString(text, length);
        }

        /// <summary>
        /// The UTF-8 bytes of <paramref name="value"/> plus a NUL. Rejects what
        /// native code would misread: an embedded NUL (it would cut the string)
        /// and unpaired surrogates.
        /// </summary>
        public static byte[] Encode(string value, string parameterName)
        {
            if (value.IndexOf('\0') >= 0)
            {
                throw new ArgumentException("contains a NUL character", parameterName);
            }
            byte[] bytes;
            try
            {
                bytes = new byte[Strict.GetByteCount(value) + 1];
                Strict.GetBytes(value, 0, value.Length, bytes, 0);
            }
            catch (EncoderFallbackException e)
            {
                throw new ArgumentException("is not valid UTF-16 (unpaired surrogate)", parameterName, e);
            }
            return bytes;
        }
    }

    /// <summary>
    /// Native copies of the string arguments of one call, freed when the call
    /// returns (the SDK copies every string it keeps during the call).
    /// </summary>
    internal sealed unsafe class Utf8Args : IDisposable
    {
        readonly List<IntPtr> blocks = new List<IntPtr>();

        /// <summary>A native copy of <paramref name="value"/>; NULL for null.</summary>
        public byte* Add(string value, string parameterName)
        {
            if (value == null)
            {
                return null;
            }
            byte[] bytes = Utf8.Encode(value, parameterName);
            IntPtr block = Marshal.AllocHGlobal(bytes.Length);
            blocks.Add(block);
            Marshal.Copy(bytes, 0, block, bytes.Length);
            return (byte*)block;
        }

        /// <summary>Like <see cref="Add"/> but null is an error.</summary>
        public byte* Required(string value, string parameterName)
        {
            if (value == null)
            {
                throw new ArgumentNullException(parameterName);
            }
            return Add(value, parameterName);
        }

        public void Dispose()
        {
            foreach (IntPtr block in blocks)
            {
                Marshal.FreeHGlobal(block);
            }
            blocks.Clear();
        }
    }
}
