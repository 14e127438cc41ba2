#if !UNITY_5_3_OR_NEWER
using System;

namespace AOT
{
    /// <summary>
    /// Marks a static method that native code calls back. IL2CPP generates a
    /// reverse-P/Invoke wrapper only for methods carrying an attribute of this
    /// name; Unity defines it, other runtimes get this stand-in so the same
    /// source compiles everywhere.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method)]
    internal sealed class MonoPInvokeCallbackAttribute : Attribute
    {
        public MonoPInvokeCallbackAttribute(Type delegateType)
        {
        }
    }
}
#endif
