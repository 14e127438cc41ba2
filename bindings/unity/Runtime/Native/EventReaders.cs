using System;
using System.Collections.Generic;

namespace Kgen.Native
{
    /// <summary>Turns the borrowed typed data of a successful completion into a result object.</summary>
    internal unsafe delegate T Reader<T>(kgen_event* e);

    /// <summary>
    /// Copies the typed data of completions into managed result objects. Runs
    /// inside the native callback: everything the event points to is borrowed
    /// until it returns, so nothing here keeps a pointer.
    /// </summary>
    internal static unsafe class EventReaders
    {
        public static readonly Reader<KgenActionResult> Action = e =>
        {
            var m = e->data.message;
            Require(m);
            return Header(e, new KgenActionResult { Message = Utf8.Read(m->message) });
        };

        public static readonly Reader<KgenResponse> NoData = e => Header(e, new KgenResponse());

        public static readonly Reader<KgenTournament> Tournament =
            e => Header(e, Read(Require(e->data.tournament)));

        public static readonly Reader<KgenTournamentList> Tournaments = e =>
        {
            var list = e->data.tournaments;
            Require(list);
            KgenTournamentList response = Header(e, new KgenTournamentList());
            int itemsCount = Count(list->count);
            var items = new List<KgenTournament>(itemsCount);
            for (int i = 0; i < itemsCount; i++)
            {
                // The list's own strings, not a copy of the raw body per item.
                items.Add(SameHeader(response, Read((kgen_tournament*)At(list->items, list->item_size, i))));
            }
            response.Tournaments = items;
            return response;
        };

        public static readonly Reader<KgenParticipation> Participation = e =>
        {
            var list = e->data.strings;
            Require(list);
            int uidsCount = Count(list->count);
            var uids = new List<string>(uidsCount);
            for (int i = 0; i < uidsCount; i++)
            {
                uids.Add(Utf8.Read(list->items[i]));
            }
            return Header(e, new KgenParticipation { TournamentUids = uids });
        };

        public static readonly Reader<KgenLeaderboard> Leaderboard = e =>
        {
            var b = e->data.leaderboard;
            Require(b);
            int entriesCount = Count(b->entry_count);
            var entries = new List<KgenLeaderboardEntry>(entriesCount);
            for (int i = 0; i < entriesCount; i++)
            {
                var entry = (kgen_leaderboard_entry*)At(b->entries, b->entry_size, i);
                entries.Add(new KgenLeaderboardEntry { UserId = Utf8.Read(entry->user_id), Score = entry->score, Rank = entry->rank });
            }
            int winnersCount = Count(b->winner_count);
            var winners = new List<KgenWinner>(winnersCount);
            for (int i = 0; i < winnersCount; i++)
            {
                var winner = (kgen_winner*)At(b->winners, b->winner_size, i);
                winners.Add(new KgenWinner { UserId = Utf8.Read(winner->user_id), Reward = winner->reward });
            }
            return Header(e, new KgenLeaderboard { Entries = entries, Winners = winners, PricePool = b->price_pool });
        };

        public static readonly Reader<KgenBalance> Balance = e =>
        {
            var b = e->data.balance;
            Require(b);
            return Header(e, new KgenBalance
            {
                WalletAddress = Utf8.Read(b->wallet_address),
                EarnedBalance = b->earned_balance,
                BoughtBalance = b->bought_balance,
                BonusBalance = b->bonus_balance,
                LazyBalance = b->lazy_balance,
                OnChainBalance = b->on_chain_balance,
                LazyBalanceDelta = b->lazy_balance_delta,
                MinWalletBalToWithdraw = b->min_wallet_bal_to_withdraw,
                WalletTransactionError = b->wallet_transaction_error,
                IsLazyBalanceUpdated = b->is_lazy_balance_updated != 0,
                CreatedAt = Time(b->created_at),
                ModifiedAt = Time(b->modified_at),
            });
        };

        public static readonly Reader<KgenTransactionPage> Transactions = e =>
        {
            var p = e->data.transactions;
            Require(p);
            return Header(e, new KgenTransactionPage
            {
                Transactions = Read(p->transactions, p->transaction_count, p->transaction_size),
                FromTransactions = Read(p->from_transactions, p->from_transaction_count, p->transaction_size),
                ToTransactions = Read(p->to_transactions, p->to_transaction_count, p->transaction_size),
                LastEvaluatedKey = Utf8.Read(p->last_evaluated_key),
                IsLastPage = p->is_last_page != 0,
            });
        };

        public static readonly Reader<KgenOtpRegistration> OtpRegistration = e =>
        {
            var r = e->data.otp_registration;
            Require(r);
            return Header(e, new KgenOtpRegistration { AuthCode = Utf8.Read(r->auth_code), IsNewUser = r->is_new_user != 0 });
        };

        public static readonly Reader<KgenClaimableRewards> Rewards = e =>
        {
            var r = e->data.rewards;
            Require(r);
            int itemsCount = Count(r->count);
            var items = new List<KgenReward>(itemsCount);
            for (int i = 0; i < itemsCount; i++)
            {
                var w = (kgen_reward*)At(r->items, r->item_size, i);
                items.Add(new KgenReward
                {
                    UserId = Utf8.Read(w->user_id),
                    TournamentId = Utf8.Read(w->tournament_id),
                    ClaimStatus = Utf8.Read(w->claim_status),
                    Reward = w->reward,
                    WalletAddress = Utf8.Read(w->wallet_address),
                    CreatedAt = Time(w->created_at),
                    UpdatedAt = Time(w->updated_at),
                });
            }
            return Header(e, new KgenClaimableRewards { TotalClaimableRewards = r->total_claimable_rewards, Rewards = items });
        };

        public static readonly Reader<KgenHistoricStats> Stats = e =>
        {
            var s = e->data.stats;
            Require(s);
            int itemsCount = Count(s->count);
            var items = new List<KgenHistoricStat>(itemsCount);
            for (int i = 0; i < itemsCount; i++)
            {
                var h = (kgen_historic_stat*)At(s->items, s->item_size, i);
                items.Add(new KgenHistoricStat
                {
                    Kind = Utf8.Read(h->kind),
                    TypeValue = h->type_value,
                    Result = Utf8.Read(h->result),
                    OccurredAt = Utf8.Read(h->occurred_at_text),
                    Mode = Utf8.Read(h->mode),
                    BuyInStake = h->buy_in_stake,
                    AmountWon = h->amount_won,
                });
            }
            return Header(e, new KgenHistoricStats { Stats = items });
        };

        public static readonly Reader<KgenLoginResult> Login = e =>
        {
            var l = e->data.login;
            Require(l);
            return Header(e, new KgenLoginResult
            {
                RequiresOtp = l->requires_otp != 0,
                ExpiresAt = UnixSeconds(l->expires_at),
                OtpSessionExpiresAt = UnixSeconds(l->otp_session_expires_at),
            });
        };

        public static readonly Reader<KgenAccountUser> User = e =>
        {
            var u = e->data.user;
            Require(u);
            return Header(e, new KgenAccountUser
            {
                UserId = u->user_id,
                UserName = Utf8.Read(u->user_name),
                Email = Utf8.Read(u->email),
                FirstName = Utf8.Read(u->first_name),
                LastName = Utf8.Read(u->last_name),
                Gender = Utf8.Read(u->gender),
                Phone = Utf8.Read(u->phone),
                AccessLevel = u->access_level,
                ValidateEmail = u->validate_email != 0,
                IsTrialAccount = u->is_trial_account != 0,
                TrialAccountExpirationDate = u->trial_account_expiration_date,
                TrialAccountExpirationText = Utf8.Read(u->trial_account_expiration.text),
                RequestIp = Utf8.Read(u->request_ip),
                RequestIpCountry = Utf8.Read(u->request_ip_country),
                RequestIpCountryCode = Utf8.Read(u->request_ip_country_code),
                DetailsJson = Utf8.Read(u->details_json),
                BillingDetailsJson = Utf8.Read(u->billing_details_json),
            });
        };

        public static DateTimeOffset? UnixSeconds(long seconds)
        {
            return seconds == 0 ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        static T Header<T>(kgen_event* e, T response) where T : KgenResponse
        {
            kgen_result* r = &e->result;
            response.HttpStatus = r->http_status;
            response.RequestId = Utf8.Read(r->request_id);
            response.RawBody = Utf8.Read(r->raw_body, Count(r->raw_body_len));
            return response;
        }

        static T SameHeader<T>(KgenResponse header, T response) where T : KgenResponse
        {
            response.HttpStatus = header.HttpStatus;
            response.RequestId = header.RequestId;
            response.RawBody = header.RawBody;
            return response;
        }

        static KgenTournament Read(kgen_tournament* t)
        {
            return new KgenTournament
            {
                TournamentUid = Utf8.Read(t->tournament_uid),
                GameUid = Utf8.Read(t->game_uid),
                Status = (KgenTournamentStatus)t->status,
                StatusText = Utf8.Read(t->status_text),
                Title = Utf8.Read(t->title),
                Description = Utf8.Read(t->description),
                BuyInPrice = t->buy_in_price,
                TournamentSize = t->tournament_size,
                ParticipantsCount = t->participants_count,
                SchedulesAt = Time(t->schedules_at),
                MovesToLobbyAt = Time(t->moves_to_lobby_at),
                StartsAt = Time(t->starts_at),
                LocksAt = Time(t->locks_at),
                EndsAt = Time(t->ends_at),
                CreatedAt = Time(t->created_at),
                UpdatedAt = Time(t->updated_at),
            };
        }

        static List<KgenTransaction> Read(kgen_transaction* items, UIntPtr count, UIntPtr size)
        {
            int listCount = Count(count);
            var list = new List<KgenTransaction>(listCount);
            for (int i = 0; i < listCount; i++)
            {
                var t = (kgen_transaction*)At(items, size, i);
                list.Add(new KgenTransaction
                {
                    Uid = Utf8.Read(t->uid),
                    FromWallet = Utf8.Read(t->from_wallet),
                    ToWallet = Utf8.Read(t->to_wallet),
                    Amount = t->amount,
                    SyncStatus = Utf8.Read(t->sync_status),
                    CreatedAt = Time(t->created_at),
                    DescriptionAmount = t->description_amount,
                    DescriptionText = Utf8.Read(t->description_text),
                    DescriptionName = Utf8.Read(t->description_name),
                    DescriptionDirection = Utf8.Read(t->description_direction),
                    DescriptionKind = Utf8.Read(t->description_kind),
                });
            }
            return list;
        }

        static DateTimeOffset? Time(kgen_timestamp t)
        {
            return t.unix_ms == 0 ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(t.unix_ms);
        }

        /// <summary>
        /// Element <paramref name="index"/> of an array of result structs, stepping by the
        /// element size the library reports (kgen.h, "Results grow"), so a newer library
        /// whose elements gained fields still reads correctly.
        /// </summary>
        static byte* At(void* items, UIntPtr size, int index)
        {
            return (byte*)items + checked((long)(ulong)size * index);
        }

        static int Count(UIntPtr count)
        {
            return checked((int)(ulong)count);
        }

        static kgen_tournament* Require(kgen_tournament* data)
        {
            Require((void*)data);
            return data;
        }

        static void Require(void* data)
        {
            if (data == null)
            {
                throw new InvalidOperationException("the SDK reported success without the operation's data");
            }
        }
    }
}
