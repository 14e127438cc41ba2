using System.Collections.Generic;

namespace Kgen.Native
{
    /// <summary>Every request in flight in this process, by the key handed to native code.</summary>
    internal static class RequestMap
    {
        static readonly Dictionary<int, PendingRequest> map = new Dictionary<int, PendingRequest>();
        static int lastKey;

        public static int Count
        {
            get
            {
                lock (map)
                {
                    return map.Count;
                }
            }
        }

        public static int Add(PendingRequest request)
        {
            lock (map)
            {
                // Keys fit a 32-bit pointer; after wrapping, skip 0 and keys in use.
                do
                {
                    lastKey = lastKey == int.MaxValue ? 1 : lastKey + 1;
                }
                while (map.ContainsKey(lastKey));
                map.Add(lastKey, request);
                return lastKey;
            }
        }

        /// <summary>Removes and returns the request; null when it is not (or no longer) there.</summary>
        public static PendingRequest Take(int key)
        {
            lock (map)
            {
                PendingRequest request;
                if (map.TryGetValue(key, out request))
                {
                    map.Remove(key);
                }
                return request;
            }
        }
    }
}
