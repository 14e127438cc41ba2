using System.Runtime.CompilerServices;

// The tests check the SDK's bookkeeping (requests in flight, native request ids).
[assembly: InternalsVisibleTo("Kgen.Tests")]
