using System;

namespace Kgen
{
    /// <summary>
    /// How a <see cref="KgenClient"/> connects. Unset (null or 0) means the SDK's
    /// default for every member. The client copies the options when it is created.
    /// </summary>
    public sealed class KgenClientOptions
    {
        /// <summary>The KGeN ESports API's base URL; default the production host.</summary>
        public string BaseUrl { get; set; }

        /// <summary>
        /// The account-session (<c>/v3</c>) API's base URL; default <c>https://api.i3d.net</c>,
        /// whatever <see cref="BaseUrl"/> is, so the API key and account passwords never go
        /// to a KGeN host by default. Set it for a local sandbox, which serves both APIs.
        /// </summary>
        public string AccountBaseUrl { get; set; }

        /// <summary>
        /// Server-to-server credentials, needed by <see cref="KgenClient.CreateSessionAsync"/>.
        /// Game servers only: a shipped game client must never contain a client
        /// secret; it restores sessions from tokens (<see cref="KgenClient.RestoreSession"/>).
        /// </summary>
        public string ClientId { get; set; }

        /// <summary>See <see cref="ClientId"/>. Never logged.</summary>
        public string ClientSecret { get; set; }

        /// <summary>API key sent as <c>PRIVATE-TOKEN</c> to the account API. Never logged.</summary>
        public string PrivateToken { get; set; }

        /// <summary>Appended to the User-Agent, e.g. "MyGame/1.2".</summary>
        public string UserAgentSuffix { get; set; }

        /// <summary>Proxy URL (<c>http://</c> or <c>https://</c>); default a direct connection.</summary>
        public string Proxy { get; set; }

        /// <summary>Default 10 s.</summary>
        public TimeSpan? ConnectTimeout { get; set; }

        /// <summary>The deadline of one call, retries and backoff included; default 30 s.</summary>
        public TimeSpan? RequestTimeout { get; set; }

        /// <summary>
        /// The limit of one attempt; default 15 s. A stalled read is retried within the
        /// call's deadline; a stalled change (join, score, ...) ends with a timeout.
        /// </summary>
        public TimeSpan? AttemptTimeout { get; set; }

        /// <summary>The largest accepted response body; default 8 MiB.</summary>
        public int MaxResponseBytes { get; set; }

        /// <summary>Attempts per call including the first (1 = no retries); default 4.</summary>
        public int RetryMaxAttempts { get; set; }

        /// <summary>Backoff base (exponential, full jitter); default 200 ms.</summary>
        public TimeSpan? RetryBaseDelay { get; set; }

        /// <summary>Backoff cap; default 5 s.</summary>
        public TimeSpan? RetryMaxDelay { get; set; }

        /// <summary>
        /// Renew a server session, or raise <see cref="KgenClient.SessionExpired"/> for a
        /// restored one, this long before its token expires; default 5 minutes.
        /// </summary>
        public TimeSpan? RenewBefore { get; set; }

        /// <summary>Allows plain <c>http://</c> to hosts other than loopback. Never in production.</summary>
        public bool AllowInsecureHttp { get; set; }

        /// <summary>Threads of the client's private runtime; default 1.</summary>
        public int WorkerThreads { get; set; }

        /// <summary>
        /// Keep writes that must not be lost — scores above all — in an outbox on disk
        /// until they are delivered, across offline periods, app kills and restarts
        /// (see <see cref="KgenClient.EnqueueOutbox"/>). With it, <see cref="KgenClient.SubmitScoreAsync"/>
        /// always goes through the outbox: its task ends once the score is safely queued,
        /// and <see cref="KgenClient.OutboxEvent"/> says how it ended. Off by default.
        /// </summary>
        public bool UseOutbox { get; set; }

        /// <summary>
        /// The outbox's directory; default <c>kgen-outbox</c> under
        /// <c>Application.persistentDataPath</c> (outside Unity: the local application data
        /// folder). One client of one process owns it at a time.
        /// </summary>
        public string OutboxPath { get; set; }

        /// <summary>Entries kept at most; default 10,000. Beyond it <see cref="KgenStatus.OutboxFull"/>.</summary>
        public int OutboxMaxEntries { get; set; }

        /// <summary>An entry undelivered this long after it was made ends as expired; default 24 hours.</summary>
        public TimeSpan? OutboxMaxAge { get; set; }
    }
}
