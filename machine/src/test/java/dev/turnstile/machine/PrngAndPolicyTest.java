package dev.turnstile.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/** The small values the scenarios rely on: the PRNG's reference vector, permission precedence, prices, estimates. */
class PrngAndPolicyTest {

    @Test
    void splitMix64MatchesThePublishedReferenceVectorForSeedZero() {
        Prng p = new Prng(0);
        assertEquals(0xE220A8397B1DCDAFL, p.peek());
        assertEquals(0x6E789E6AA1B965F4L, p.next().peek());
        assertEquals(0x06C45D188009454FL, p.next().next().peek());
        assertEquals(p.peek(), p.peek(), "peek does not advance");
        assertEquals(67, new Prng(0).peekBelow(101), "0xE220A8397B1DCDAF mod 101, read as unsigned");
        assertThrows(IllegalArgumentException.class, () -> p.peekBelow(0));
    }

    @Test
    void permissionsDenyBeatsAllowBeatsAsk() {
        ToolPermissions permissions = new ToolPermissions(Vector.of(
                new PermissionRule("*", PermissionVerdict.ASK),
                new PermissionRule("read_*", PermissionVerdict.ALLOW),
                new PermissionRule("read_secrets", PermissionVerdict.DENY),
                new PermissionRule("rm", PermissionVerdict.DENY)), PermissionVerdict.ALLOW);
        assertEquals(PermissionVerdict.ASK, permissions.verdictFor("write_file"));
        assertEquals(PermissionVerdict.ALLOW, permissions.verdictFor("read_file"));
        assertEquals(PermissionVerdict.DENY, permissions.verdictFor("read_secrets"));
        assertEquals(PermissionVerdict.DENY, permissions.verdictFor("rm"));
        ToolPermissions byDefault = new ToolPermissions(Vector.of(new PermissionRule("l?okup", PermissionVerdict.ALLOW)),
                PermissionVerdict.DENY);
        assertEquals(PermissionVerdict.ALLOW, byDefault.verdictFor("lookup"));
        assertEquals(PermissionVerdict.DENY, byDefault.verdictFor("lookups"), "no rule matches: the default");
    }

    @Test
    void pricesAreIntegerMicrosRoundedUp() {
        Price price = new Price(2_000_000, 8_000_000);
        assertEquals(5_000, price.costMicros(1_500, 250));
        assertEquals(1, price.costMicros(0, 1) - 7, "8 micros per output token");
        assertEquals(1, new Price(1, 0).costMicros(1, 0), "a millionth of a micro rounds up to 1");
    }

    @Test
    void thePromptEstimateIsReportedTokensPlusOneTokenPerThreeCharactersRoundedUp() {
        assertEquals(87, new PromptEstimate(0, 259).estimatedTokens());
        assertEquals(501, new PromptEstimate(500, 1).estimatedTokens());
        assertEquals(500, new PromptEstimate(500, 0).estimatedTokens());
    }

    @Test
    void aSessionStartsIdleWithTheFirstPromptEstimatedFromSystemPromptAndToolDefinitions() {
        SessionState s = new TurnMachine(Spec.BASIC).start("s1", 7, Spec.T0, Spec.LABELS);
        // "Be brief." (9) + add: 3 + 18 + 128 schema characters + lookup: 6 + 16 + 77 schema characters
        assertEquals(new PromptEstimate(0, 257), s.promptEstimate());
        assertEquals(new Phase.AwaitingUser(), s.phase());
        assertEquals(new Prng(7), s.prng());
        assertEquals(0, s.lastEffectId());
        assertEquals(io.vavr.control.Option.none(), new TurnMachine(Spec.BASIC).wake(s));
    }
}
