package dev.turnstile.machine.archfixture;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * A deliberately bad class, compiled with the tests only: it uses every API the machine must not
 * touch, so that {@code ArchitectureTest} can prove each rule reports a violation. Never called.
 */
@SuppressWarnings("unused")
public final class ForbiddenApisFixture {

    private ForbiddenApisFixture() {}

    static Object files() {
        return new File("x").exists() ? Path.of("y") : URI.create("z");
    }

    static Object clocks() {
        return Instant.now().toEpochMilli() + System.currentTimeMillis() + System.nanoTime()
                + Clock.systemUTC().millis();
    }

    static Object randomness() {
        return UUID.randomUUID().toString() + new Random().nextInt() + ThreadLocalRandom.current().nextInt()
                + new SecureRandom().nextInt() + Math.random();
    }

    static Object threads() throws InterruptedException {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.shutdown();
        Thread.sleep(0);
        return pool;
    }

    static Object hashing() {
        Map<String, Integer> map = new HashMap<>();
        Set<String> set = new HashSet<>();
        return List.of(map, set, Set.of("a", "b"), Map.of("a", 1),
                List.of("a").stream().collect(Collectors.toSet()));
    }

    static void printing() {
        System.out.println("hello");
        System.err.println("oops");
    }

    static long parallel() {
        return List.of(1, 2).parallelStream().count();
    }

    static Object netty() {
        return io.netty.util.CharsetUtil.UTF_8;
    }
}
