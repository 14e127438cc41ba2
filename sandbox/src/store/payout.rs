//! The prize distribution of the product docs: the top 40% win — the top 1% six times the
//! fee, the top 10% four times, the top 20% one and a half times, the rest up to 40% the fee.
//!
//! A rank is in the top p% when `rank <= ceil(p * n / 100)`, so the best player of any
//! non-empty tournament wins. Rewards are whole units, rounded down (1.5 x 5 = 7).

/// The reward of each rank (index 0 is rank 1) among `n` ranked players for entry fee `fee`.
pub fn payouts(n: usize, fee: i64) -> Vec<i64> {
    let top = |percent: usize| (n * percent).div_ceil(100);
    (1..=n)
        .map(|rank| {
            if rank <= top(1) {
                fee * 6
            } else if rank <= top(10) {
                fee * 4
            } else if rank <= top(20) {
                fee * 3 / 2
            } else if rank <= top(40) {
                fee
            } else {
                0
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hundred_players_follow_the_table() {
        let p = payouts(100, 10);
        assert_eq!(p[0], 60);
        assert!(p[1..10].iter().all(|&r| r == 40));
        assert!(p[10..20].iter().all(|&r| r == 15));
        assert!(p[20..40].iter().all(|&r| r == 10));
        assert!(p[40..].iter().all(|&r| r == 0));
    }

    #[test]
    fn small_tournaments_round_up_ranks_and_down_rewards() {
        assert_eq!(payouts(1, 5), vec![30]);
        assert_eq!(payouts(5, 5), vec![30, 5, 0, 0, 0]);
        assert_eq!(payouts(10, 5), vec![30, 7, 5, 5, 0, 0, 0, 0, 0, 0]);
        assert!(payouts(0, 5).is_empty());
    }
}
