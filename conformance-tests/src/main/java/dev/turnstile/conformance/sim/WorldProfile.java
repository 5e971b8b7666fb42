package dev.turnstile.conformance.sim;

/**
 * How a simulated world misbehaves, drawn once per session: some sessions are calm, some are chaos.
 * Rates are probabilities per opportunity (per model call, per tool run, per approval…).
 *
 * @param userMessages user messages the world sends in total; after that the session drains
 * @param interjectionRate chance that a running turn gets an extra user message during it
 * @param afterTurnShare share of extra messages delivered {@code AFTER_TURN} rather than at the next boundary
 * @param idempotencyKeyRate chance a user message carries an idempotency key
 * @param duplicateKeyRate chance a keyed message reuses an earlier key (must be rejected)
 * @param modelLatencyMaxMillis the longest a model call takes when it answers
 * @param modelFailureRate chance a model call fails
 * @param modelHangRate chance a model call never answers (must time out)
 * @param toolCallRate chance a reply asks for tools, halved each round
 * @param maxCallsPerReply the most tool calls in one reply
 * @param badCallRate chance one tool call is malformed, unknown or breaks its schema
 * @param maxTokensRate chance a reply ends with {@code MAX_TOKENS}
 * @param graceDisobeyRate chance the model asks for tools although told to finish
 * @param toolLatencyMaxMillis the longest a tool takes when it answers
 * @param toolFailureRate chance a tool run fails
 * @param toolHangRate chance a tool run never answers (must time out)
 * @param duplicateRate chance an answer is delivered twice (the second must be rejected)
 * @param keepAfterAbandonRate chance an abandoned effect still answers later (must be rejected)
 * @param staleAfterRecoveryRate chance an effect lost in a crash still answers (must be rejected)
 * @param cancelRate chance per turn that the user cancels it
 * @param recoveries crash recoveries ({@code Recovered} inputs) during the session
 * @param skewRate chance an input is stamped earlier than the input before it
 * @param timerLatenessRate chance the wake timer fires late
 * @param noiseInputs answers for unknown or wrong effects and decisions for unknown approvals
 * @param approveRate chance a human approves (otherwise denies), possibly with edited arguments
 * @param editRate chance an approval edits the arguments
 * @param invalidEditRate chance an edit is invalid (rejected; the human then decides again)
 * @param neverDecideRate chance nobody ever decides
 * @param doubleDecisionRate chance a second decision follows the first (must be rejected)
 * @param decisionDelayMaxMillis the longest a human takes
 * @param guardSoftRate chance the budget guard answers soft limit
 * @param guardDenyRate chance the budget guard denies
 * @param guardSilentRate chance the budget guard never answers (counts as deny at its deadline)
 * @param guardLatencyMaxMillis the longest the guard takes
 */
public record WorldProfile(
        int userMessages,
        double interjectionRate,
        double afterTurnShare,
        double idempotencyKeyRate,
        double duplicateKeyRate,
        long modelLatencyMaxMillis,
        double modelFailureRate,
        double modelHangRate,
        double toolCallRate,
        int maxCallsPerReply,
        double badCallRate,
        double maxTokensRate,
        double graceDisobeyRate,
        long toolLatencyMaxMillis,
        double toolFailureRate,
        double toolHangRate,
        double duplicateRate,
        double keepAfterAbandonRate,
        double staleAfterRecoveryRate,
        double cancelRate,
        int recoveries,
        double skewRate,
        double timerLatenessRate,
        int noiseInputs,
        double approveRate,
        double editRate,
        double invalidEditRate,
        double neverDecideRate,
        double doubleDecisionRate,
        long decisionDelayMaxMillis,
        double guardSoftRate,
        double guardDenyRate,
        double guardSilentRate,
        long guardLatencyMaxMillis) {

    /** Draws a profile; a per-session chaos level scales every misbehaviour. */
    static WorldProfile draw(Dice dice) {
        double chaos = dice.chance(0.25) ? 0.05 : dice.unit();
        return new WorldProfile(
                dice.between(1, 4),
                0.3 * chaos,
                dice.unit(),
                dice.unit() * 0.8,
                0.4 * chaos,
                dice.between(50L, 25_000L),
                0.35 * chaos,
                0.1 * chaos,
                0.5 + 0.45 * dice.unit(),
                dice.between(1, 5),
                0.4 * chaos,
                0.15 * chaos,
                0.5 * chaos,
                dice.between(10L, 12_000L),
                0.3 * chaos,
                0.1 * chaos,
                0.2 * chaos,
                0.5 * chaos,
                0.5 * chaos,
                0.2 * chaos,
                dice.chance(0.4 * chaos + 0.1) ? dice.between(1, 3) : 0,
                0.15 * chaos,
                0.3 * chaos,
                dice.between(0, (int) (4 * chaos)),
                0.5 + 0.4 * dice.unit(),
                0.3 * dice.unit(),
                0.4 * chaos,
                0.15 * chaos,
                0.3 * chaos,
                dice.between(10L, 40_000L),
                0.2 * chaos,
                0.1 * chaos,
                0.08 * chaos,
                dice.between(5L, 6_000L));
    }
}
