using System;
using Kgen.Native;

namespace Kgen
{
    /// <summary>
    /// A failed call or request: why (<see cref="Status"/>), and when the server
    /// answered, its HTTP status and the API's error code, named and as sent.
    /// </summary>
    /// <remarks>Cancelled requests end as cancelled tasks, not with this exception.</remarks>
    public sealed class KgenException : Exception
    {
        internal KgenException(KgenStatus status, string message, int httpStatus = 0,
            KgenApiError apiError = KgenApiError.None, string apiErrorCode = "", string requestId = "",
            string rawBody = "", TimeSpan retryAfter = default(TimeSpan))
            : base(Describe(status, message, httpStatus, apiErrorCode, requestId))
        {
            Status = status;
            HttpStatus = httpStatus;
            ApiError = apiError;
            ApiErrorCode = apiErrorCode;
            RequestId = requestId;
            RawBody = rawBody;
            RetryAfter = retryAfter;
        }

        /// <summary>Why the call failed, e.g. <see cref="KgenStatus.Http"/> or <see cref="KgenStatus.Timeout"/>.</summary>
        public KgenStatus Status { get; private set; }

        /// <summary>The HTTP status of the last answer; 0 when none arrived.</summary>
        public int HttpStatus { get; private set; }

        /// <summary>The API's error code, named; <see cref="KgenApiError.None"/> when the server sent none.</summary>
        public KgenApiError ApiError { get; private set; }

        /// <summary>The API's error code as sent, e.g. "TOURNAMENT_IS_FULL"; "" when none.</summary>
        public string ApiErrorCode { get; private set; }

        /// <summary>The call's <c>x-request-id</c>; "" if none. The sandbox echoes and logs it; the platform's docs do not mention the header (sandbox-defined).</summary>
        public string RequestId { get; private set; }

        /// <summary>The raw response body; "" when none.</summary>
        public string RawBody { get; private set; }

        /// <summary>How long the server asked to wait (429, 503); zero when it did not say.</summary>
        public TimeSpan RetryAfter { get; private set; }

        static string Describe(KgenStatus status, string message, int httpStatus, string apiErrorCode, string requestId)
        {
            string text = string.IsNullOrEmpty(apiErrorCode) ? status.ToString() : apiErrorCode;
            if (httpStatus != 0)
            {
                text += " (HTTP " + httpStatus + ")";
            }
            if (!string.IsNullOrEmpty(message))
            {
                text += ": " + message;
            }
            if (!string.IsNullOrEmpty(requestId))
            {
                text += " [request " + requestId + "]";
            }
            return text;
        }

        /// <summary>The error of a call that failed before anything started, with the SDK's explanation.</summary>
        internal static unsafe KgenException FromLastError(kgen_status status)
        {
            return new KgenException((KgenStatus)status, LastErrorMessage());
        }

        internal static unsafe KgenException FromResult(kgen_result* r)
        {
            return new KgenException((KgenStatus)r->status, Utf8.Read(r->message), r->http_status,
                (KgenApiError)r->api_error, Utf8.Read(r->api_error_code), Utf8.Read(r->request_id),
                Utf8.Read(r->raw_body, checked((int)(ulong)r->raw_body_len)),
                TimeSpan.FromMilliseconds(r->retry_after_ms));
        }

        static unsafe string LastErrorMessage()
        {
            UIntPtr length = UIntPtr.Zero;
            NativeMethods.kgen_last_error_message(null, &length);
            if ((ulong)length <= 1)
            {
                return string.Empty;
            }
            var buffer = new byte[(int)(ulong)length];
            fixed (byte* b = buffer)
            {
                if (NativeMethods.kgen_last_error_message(b, &length) != kgen_status.KGEN_OK)
                {
                    return string.Empty;
                }
                return Utf8.Read(b);
            }
        }
    }
}
