using System;
using System.IO;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Kgen.Sandbox
{
    /// <summary>
    /// The kgen-sandbox admin API over plain HTTP (not part of the SDK): seeds
    /// tournaments, reads the one-time passwords it "sent", injects faults.
    /// Configured by KGEN_BASE_URL, KGEN_CLIENT_ID, KGEN_CLIENT_SECRET and KGEN_ADMIN_KEY.
    /// </summary>
    internal sealed class SandboxAdmin
    {
        /// <summary>A tournament the sandbox's demo data keeps STARTED (buy-in 10).</summary>
        public const string LiveTournament = "d1a0c0de-0000-4000-8000-000000000001";

        /// <summary>A tournament the demo data keeps in LOBBY (joinable, buy-in 10).</summary>
        public const string LobbyTournament = "d1a0c0de-0000-4000-8000-000000000002";

        public string BaseUrl { get; private set; }
        public string ClientId { get; private set; }
        public string ClientSecret { get; private set; }
        public string AdminKey { get; private set; }

        /// <summary>The sandbox named by the environment, or null when KGEN_BASE_URL is unset.</summary>
        public static SandboxAdmin FromEnvironment()
        {
            string url = Environment.GetEnvironmentVariable("KGEN_BASE_URL");
            if (string.IsNullOrEmpty(url))
            {
                return null;
            }
            return new SandboxAdmin
            {
                BaseUrl = url.TrimEnd('/'),
                ClientId = Environment.GetEnvironmentVariable("KGEN_CLIENT_ID") ?? "demo-client",
                ClientSecret = Environment.GetEnvironmentVariable("KGEN_CLIENT_SECRET") ?? "demo-secret",
                AdminKey = Environment.GetEnvironmentVariable("KGEN_ADMIN_KEY") ?? "sandbox-admin",
            };
        }

        /// <summary>Creates a tournament and returns its uid.</summary>
        public string CreateTournament(string state, int size, int buyIn = 10)
        {
            string body = Send("POST", "/sandbox/tournaments", string.Format(
                "{{\"title\":\"C# test\",\"buy_in_price\":{0},\"tournament_size\":{1},\"state\":\"{2}\"}}",
                buyIn, size, state));
            return Field(body, "tournament_uid");
        }

        /// <summary>Completes a tournament now: winners are picked and rewards created.</summary>
        public void CompleteTournament(string uid)
        {
            Send("POST", "/sandbox/tournaments/" + uid + "/complete", "{}");
        }

        /// <summary>The one-time password last "sent" to a phone.</summary>
        public string PhoneOtp(string phoneNumber, string countryCode)
        {
            return Field(Send("GET", "/sandbox/otp?phone_number=" + Uri.EscapeDataString(phoneNumber) +
                "&countryCode=" + Uri.EscapeDataString(countryCode), null), "otp");
        }

        /// <summary>The one-time password of an account's pending two-factor login.</summary>
        public string AccountOtp(string userName)
        {
            return Field(Send("GET", "/sandbox/v3/users/" + Uri.EscapeDataString(userName) + "/otp", null), "otp");
        }

        /// <summary>Injects a fault (see the sandbox README) and returns its id.</summary>
        public string AddFault(string json)
        {
            return Field(Send("POST", "/sandbox/faults", json), "id");
        }

        /// <summary>Removes a fault; one that was limited to a few requests may be gone already.</summary>
        public void RemoveFault(string id)
        {
            Send("DELETE", "/sandbox/faults/" + id, null, 404);
        }

        /// <summary>Sends an admin request; returns the body, throws on a status other than 2xx (or <paramref name="alsoFine"/>).</summary>
        public string Send(string method, string path, string json, int alsoFine = 0)
        {
            var request = (HttpWebRequest)WebRequest.Create(BaseUrl + path);
            request.Method = method;
            request.Proxy = null;
            request.Headers["x-admin-key"] = AdminKey;
            if (json != null)
            {
                byte[] bytes = Encoding.UTF8.GetBytes(json);
                request.ContentType = "application/json";
                request.ContentLength = bytes.Length;
                using (Stream s = request.GetRequestStream())
                {
                    s.Write(bytes, 0, bytes.Length);
                }
            }
            try
            {
                using (var response = (HttpWebResponse)request.GetResponse())
                {
                    return ReadBody(response);
                }
            }
            catch (WebException e)
            {
                var response = e.Response as HttpWebResponse;
                if (response == null)
                {
                    throw;
                }
                using (response)
                {
                    if ((int)response.StatusCode == alsoFine)
                    {
                        return ReadBody(response);
                    }
                    throw new InvalidOperationException(method + " " + path + " answered " +
                        (int)response.StatusCode + ": " + ReadBody(response));
                }
            }
        }

        /// <summary>A string or number field of a flat JSON object (enough for the admin API's answers).</summary>
        public static string Field(string json, string name)
        {
            Match m = Regex.Match(json, "\"" + Regex.Escape(name) + "\"\\s*:\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(-?[0-9.]+))");
            if (!m.Success)
            {
                throw new InvalidOperationException("no field " + name + " in " + json);
            }
            return m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
        }

        static string ReadBody(HttpWebResponse response)
        {
            using (var reader = new StreamReader(response.GetResponseStream(), Encoding.UTF8))
            {
                return reader.ReadToEnd();
            }
        }
    }
}
