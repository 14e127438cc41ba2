namespace Kgen
{
    // Public mirrors of the C enums, with the same stable values; a test checks
    // them against the generated raw layer so they cannot drift.

    /// <summary>The outcome of a call or request (<c>kgen_status</c>).</summary>
    /// <remarks>
    /// Grouped by origin: 100-199 caller errors, 200-299 no usable answer,
    /// 300-399 the server answered with an error, 400-499 the outbox, 900-999 SDK faults. Values are
    /// never reused; treat unknown values as errors of their group.
    /// </remarks>
    public enum KgenStatus
    {
        Ok = 0,
        NoEvent = 1,
        NullArgument = 100,
        InvalidArgument = 101,
        InvalidHandle = 102,
        WrongClient = 103,
        BufferTooSmall = 104,
        Reentrant = 105,
        ShuttingDown = 106,
        IncompatibleVersion = 107,
        UnknownRequest = 108,
        Transport = 200,
        Timeout = 201,
        Cancelled = 202,
        /// <summary>A write's answer was lost and neither repeating it under its Idempotency-Key nor reading the state it changes settled it: it may or may not have been applied.</summary>
        OutcomeUnknown = 203,
        Http = 300,
        Decode = 301,
        SessionExpired = 302,
        /// <summary>The outbox is full: nothing was queued.</summary>
        OutboxFull = 400,
        /// <summary>Another client (of this or another process) owns the outbox directory.</summary>
        OutboxLocked = 401,
        /// <summary>The outbox's journal could not be written or read back whole.</summary>
        OutboxStorage = 402,
        /// <summary>An outbox entry outlived its maximum age undelivered.</summary>
        OutboxExpired = 403,
        Internal = 900,
    }

    /// <summary>The API's error code as a named value (<c>kgen_api_error</c>).</summary>
    /// <remarks>
    /// The code as sent is <see cref="KgenException.ApiErrorCode"/>; <see cref="Other"/> for codes this version does not name.
    /// Codes marked sandbox-defined are the sandbox's answers where the platform's published docs
    /// name no code: production may never send them, so treat them as failures like any other and
    /// build no game logic that needs them.
    /// </remarks>
    public enum KgenApiError
    {
        None = 0,
        Other = 1,
        UnAuthorized = 100,
        BadRequest = 101,
        TournamentInvalidJoiningStake = 110,
        TournamentIsNotLive = 111,
        TournamentNotFound = 112,
        ExistingParticipationFound = 113,
        TournamentIsFull = 114,
        TournamentParticipationNotFound = 115,
        /// <summary>Sandbox-defined.</summary>
        InvalidScore = 116,
        /// <summary>Sandbox-defined.</summary>
        InsufficientFunds = 120,
        /// <summary>Sandbox-defined.</summary>
        PhoneNotLinked = 121,
        /// <summary>Sandbox-defined.</summary>
        WithdrawBelowMinimum = 122,
        RecordNotFound = 123,
        /// <summary>Sandbox-defined.</summary>
        InvalidPhoneNumber = 130,
        /// <summary>Sandbox-defined; also the SDK's name for the documented <c>/v3</c> login-OTP 401.</summary>
        InvalidOtp = 131,
        /// <summary>Sandbox-defined.</summary>
        OtpExpired = 132,
        /// <summary>Sandbox-defined.</summary>
        OtpRateLimited = 133,
        /// <summary>Sandbox-defined.</summary>
        PhoneAlreadyLinked = 134,
        /// <summary>Sandbox-defined.</summary>
        NoClaimableRewards = 140,
        /// <summary>Sandbox-defined.</summary>
        RouteNotFound = 200,
        /// <summary>Sandbox-defined.</summary>
        MethodNotAllowed = 201,
        /// <summary>Sandbox-defined.</summary>
        PayloadTooLarge = 202,
        /// <summary>Sandbox-defined.</summary>
        IdempotencyKeyInUse = 203,
        /// <summary>Sandbox-defined.</summary>
        IdempotencyKeyReused = 204,
        /// <summary>Sandbox-defined.</summary>
        RateLimited = 205,
        /// <summary>Sandbox-defined.</summary>
        InjectedFault = 206,
        /// <summary>Sandbox-defined.</summary>
        InternalError = 207,
        InvalidCredentials = 300,
        NotLoggedIn = 301,
        NoPendingOtp = 302,
        AlreadyLoggedIn = 303,
        TooManyLoginAttempts = 304,
    }

    /// <summary>A tournament's lifecycle state.</summary>
    public enum KgenTournamentStatus
    {
        /// <summary>A state this version does not name; see <see cref="KgenTournament.StatusText"/>.</summary>
        Other = 0,
        Scheduled = 1,
        Lobby = 2,
        Started = 3,
        Locked = 4,
        Completed = 5,
    }

    /// <summary>How a session was obtained.</summary>
    public enum KgenSessionFlow
    {
        /// <summary>Created with client credentials on a game server; renews itself.</summary>
        Server = 1,
        /// <summary>Restored from tokens in a game client; raises <see cref="KgenClient.SessionExpired"/>.</summary>
        Client = 2,
    }

    /// <summary>Severity of an SDK log line.</summary>
    public enum KgenLogLevel
    {
        Off = 0,
        Error = 1,
        Warn = 2,
        Info = 3,
        Debug = 4,
        Trace = 5,
    }
}
