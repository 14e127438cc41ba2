using System;

namespace Kgen
{
    /// <summary>The answer to an account login.</summary>
    [Serializable]
    public sealed class KgenLoginResult : KgenResponse
    {
        /// <summary>True when a second step is needed: call <see cref="KgenClient.LoginOtpAsync"/>.</summary>
        public bool RequiresOtp;

        /// <summary>When the two-factor window closes; null without two-factor login. Not the session's lifetime.</summary>
        public DateTimeOffset? ExpiresAt { get; set; }

        /// <summary>Until when the one-time password step is possible; null without two-factor login.</summary>
        public DateTimeOffset? OtpSessionExpiresAt { get; set; }
    }

    /// <summary>The logged-in account.</summary>
    [Serializable]
    public sealed class KgenAccountUser : KgenResponse
    {
        public long UserId;
        public string UserName;
        public string Email;
        public string FirstName;
        public string LastName;
        public string Gender;
        public string Phone;

        /// <summary>0 guest, 10 regular user, 20 game-hosting management.</summary>
        public long AccessLevel;

        public bool ValidateEmail;
        public bool IsTrialAccount;
        /// <summary>Unix seconds, 0 when none or when its text is not a date this SDK reads.</summary>
        public long TrialAccountExpirationDate;
        /// <summary><c>trialAccountExpirationDate</c> as sent: i3D types it as a string of unspecified format.</summary>
        public string TrialAccountExpirationText;
        public string RequestIp;
        public string RequestIpCountry;
        public string RequestIpCountryCode;

        /// <summary>The <c>details</c> object as JSON text.</summary>
        public string DetailsJson;

        /// <summary>The <c>billingDetails</c> object as JSON text.</summary>
        public string BillingDetailsJson;
    }
}
