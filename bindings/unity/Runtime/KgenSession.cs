using System;
using System.Threading;
using Kgen.Native;

namespace Kgen
{
    /// <summary>
    /// One player's session, owned by its <see cref="KgenClient"/>: pass it to the
    /// client's operations. Created by <see cref="KgenClient.CreateSessionAsync"/>
    /// (server flow) or <see cref="KgenClient.RestoreSession"/> (client flow);
    /// ends with <see cref="Dispose"/> or with its client.
    /// </summary>
    /// <remarks>
    /// The properties read the SDK's current values (the access token changes
    /// when a server session renews). Tokens are secrets: never log them.
    /// </remarks>
    public sealed unsafe class KgenSession : IDisposable
    {
        readonly kgen_session* handle;
        int disposed;

        internal KgenSession(KgenClient client, kgen_session* handle, KgenSessionFlow flow)
        {
            Client = client;
            this.handle = handle;
            Flow = flow;
        }

        internal static KgenSession Created(KgenClient client, kgen_event* e)
        {
            kgen_session_info* info = e->data.session;
            if (info == null || e->session == null)
            {
                throw new InvalidOperationException("the SDK reported a session without its handle");
            }
            var session = new KgenSession(client, e->session, KgenSessionFlow.Server)
            {
                IsNewUser = info->is_new_user != 0,
                SessionStartTime = info->session_start_time.unix_ms == 0
                    ? (DateTimeOffset?)null
                    : DateTimeOffset.FromUnixTimeMilliseconds(info->session_start_time.unix_ms),
                Profile = KgenSessionProfile.From(info),
            };
            client.Track(session);
            return session;
        }

        internal static kgen_session* Pointer(KgenSession session)
        {
            if (session == null)
            {
                throw new ArgumentNullException("session");
            }
            return session.handle;
        }

        internal IntPtr Handle
        {
            get { return (IntPtr)handle; }
        }

        public KgenClient Client { get; private set; }

        public KgenSessionFlow Flow { get; private set; }

        /// <summary>True when creating this session created the player (server flow).</summary>
        public bool IsNewUser { get; private set; }

        /// <summary>When the platform started the session (server flow); null otherwise.</summary>
        public DateTimeOffset? SessionStartTime { get; private set; }

        /// <summary>
        /// The player profile as the platform echoed it when this session was created
        /// (server flow); null for a restored session (client flow), which gets no echo.
        /// </summary>
        public KgenSessionProfile Profile { get; private set; }

        /// <summary>The player's id in your game.</summary>
        public string UserId
        {
            get { return Read(NativeMethods.KGEN_SESSION_USER_ID); }
        }

        public string SessionId
        {
            get { return Read(NativeMethods.KGEN_SESSION_SESSION_ID); }
        }

        /// <summary>The current access token: what a game server hands its game client. Secret.</summary>
        public string AccessToken
        {
            get { return Read(NativeMethods.KGEN_SESSION_ACCESS_TOKEN); }
        }

        /// <summary>The refresh token ("" if none). Secret.</summary>
        public string RefreshToken
        {
            get { return Read(NativeMethods.KGEN_SESSION_REFRESH_TOKEN); }
        }

        public string WalletAddress
        {
            get { return Read(NativeMethods.KGEN_SESSION_WALLET_ADDRESS); }
        }

        /// <summary>"&lt;client id&gt;#&lt;user id&gt;".</summary>
        public string NamespacedUserId
        {
            get { return Read(NativeMethods.KGEN_SESSION_NAMESPACED_USER_ID); }
        }

        /// <summary>The game's id on the platform (the tournaments' <see cref="KgenTournament.GameUid"/>).</summary>
        public string ThirdPartyClientId
        {
            get { return Read(NativeMethods.KGEN_SESSION_THIRD_PARTY_CLIENT_ID); }
        }

        public string ThirdPartyClientName
        {
            get { return Read(NativeMethods.KGEN_SESSION_THIRD_PARTY_CLIENT_NAME); }
        }

        public string IndiggId
        {
            get { return Read(NativeMethods.KGEN_SESSION_INDIGG_ID); }
        }

        public string IndiggWalletAddress
        {
            get { return Read(NativeMethods.KGEN_SESSION_INDIGG_WALLET_ADDRESS); }
        }

        /// <summary>The phone linked by OTP as the session started ("" if none); a phone verified later shows in the next session.</summary>
        public string LinkedPhone
        {
            get { return Read(NativeMethods.KGEN_SESSION_LINKED_PHONE); }
        }

        /// <summary>When the access token expires (server clock); null if it does not say.</summary>
        public DateTimeOffset? ExpiresAt
        {
            get
            {
                long seconds;
                Check(NativeMethods.kgen_session_get_expires_at(handle, &seconds));
                return EventReaders.UnixSeconds(seconds);
            }
        }

        /// <summary>
        /// Client flow: gives the session the new tokens your game server handed
        /// out after <see cref="KgenClient.SessionExpired"/>; the token must be the same player's.
        /// </summary>
        public void UpdateTokens(string accessToken, string refreshToken = null)
        {
            using (var a = new Utf8Args())
            {
                Check(NativeMethods.kgen_session_update_tokens(handle, a.Required(accessToken, "accessToken"),
                    a.Add(refreshToken, "refreshToken")));
            }
        }

        /// <summary>Ends the session; requests already started with it still complete.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) != 0)
            {
                return;
            }
            Client.Forget(this);
            // Invalid-handle when the client already destroyed it: nothing left to do.
            NativeMethods.kgen_session_destroy(handle);
        }

        string Read(int field)
        {
            const int Guess = 512;
            byte* buffer = stackalloc byte[Guess];
            var length = (UIntPtr)Guess;
            kgen_status status = NativeMethods.kgen_session_get_string(handle, field, buffer, &length);
            if (status != kgen_status.KGEN_ERR_BUFFER_TOO_SMALL)
            {
                Check(status);
                return Utf8.Read(buffer);
            }
            // A renewal may lengthen the token between two reads: ask until it fits.
            while (true)
            {
                var large = new byte[(int)(ulong)length];
                fixed (byte* b = large)
                {
                    status = NativeMethods.kgen_session_get_string(handle, field, b, &length);
                    if (status != kgen_status.KGEN_ERR_BUFFER_TOO_SMALL)
                    {
                        Check(status);
                        return Utf8.Read(b);
                    }
                }
            }
        }

        void Check(kgen_status status)
        {
            if (status == kgen_status.KGEN_OK)
            {
                return;
            }
            if (Volatile.Read(ref disposed) != 0 || Client.IsDisposed)
            {
                throw new ObjectDisposedException("KgenSession");
            }
            throw KgenException.FromLastError(status);
        }
    }
}
