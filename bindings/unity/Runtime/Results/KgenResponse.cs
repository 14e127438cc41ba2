using System;

namespace Kgen
{
    /// <summary>
    /// What every successful request returns besides its data: the answer's
    /// HTTP status, its <c>x-request-id</c> and the raw JSON body (for fields this
    /// version does not model). Objects read from a list carry the list's response.
    /// </summary>
    [Serializable]
    public class KgenResponse
    {
        public int HttpStatus { get; internal set; }

        /// <summary>The call's <c>x-request-id</c>. The sandbox echoes and logs it; the platform's docs do not mention the header (sandbox-defined).</summary>
        public string RequestId { get; internal set; }

        /// <summary>The response body as sent.</summary>
        public string RawBody { get; internal set; }
    }

    /// <summary>The server's confirmation of an action (join, leave, score, withdraw, phone verification, claim).</summary>
    [Serializable]
    public sealed class KgenActionResult : KgenResponse
    {
        /// <summary>e.g. "user successfully joined the tournament".</summary>
        public string Message;
    }
}
