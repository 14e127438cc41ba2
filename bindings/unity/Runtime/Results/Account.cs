using System;

namespace Kgen
{
    /// <summary>The answer to an account login.</summary>
    public sealed class KgenLoginResult : KgenResponse
    {
        /// <summary>True when a second step is needed: call <see cref="KgenClient.LoginOtpAsync"/>.</summary>
        public bool RequiresOtp { get; internal set; }

        /// <summary>When the two-factor window closes; null without two-factor login. Not the session's lifetime.</summary>
        public DateTimeOffset? ExpiresAt { get; internal set; }

        /// <summary>Until when the one-time password step is possible; null without two-factor login.</summary>
        public DateTimeOffset? OtpSessionExpiresAt { get; internal set; }
    }

    /// <summary>The logged-in account.</summary>
    public sealed class KgenAccountUser : KgenResponse
    {
        public long UserId { get; internal set; }
        public string UserName { get; internal set; }
        public string Email { get; internal set; }
        public string FirstName { get; internal set; }
        public string LastName { get; internal set; }
        public string Gender { get; internal set; }
        public string Phone { get; internal set; }

        /// <summary>0 guest, 10 regular user, 20 game-hosting management.</summary>
        public long AccessLevel { get; internal set; }

        public bool ValidateEmail { get; internal set; }
        public bool IsTrialAccount { get; internal set; }
        public long TrialAccountExpirationDate { get; internal set; }
        public string RequestIp { get; internal set; }
        public string RequestIpCountry { get; internal set; }
        public string RequestIpCountryCode { get; internal set; }

        /// <summary>The <c>details</c> object as JSON text.</summary>
        public string DetailsJson { get; internal set; }

        /// <summary>The <c>billingDetails</c> object as JSON text.</summary>
        public string BillingDetailsJson { get; internal set; }
    }
}
