package dev.turnstile.machine;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import io.vavr.collection.Vector;

/**
 * What the machine module must never use (DESIGN §1): IO, clocks, randomness, threads, hash-ordered
 * collections and console output. Each rule is separate so that a test can prove each one fires.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {}

    private static final String SCOPE = "dev.turnstile..";

    /** {@code java.io.File*} and {@code java.nio.file}: no file system. */
    public static final ArchRule NO_FILES = noClasses().that().resideInAPackage(SCOPE)
            .should().dependOnClassesThat().haveNameMatching("java\\.io\\.(File|RandomAccessFile).*")
            .orShould().dependOnClassesThat().resideInAPackage("java.nio.file..")
            .as("the machine module does no file IO (java.io.File*, java.nio.file)");

    /** {@code java.net}: no network. */
    public static final ArchRule NO_NETWORK = noClasses().that().resideInAPackage(SCOPE)
            .should().dependOnClassesThat().resideInAPackage("java.net..")
            .as("the machine module does no network IO (java.net)");

    /** {@code io.netty}: the machine knows no IO stack. */
    public static final ArchRule NO_NETTY = noClasses().that().resideInAPackage(SCOPE)
            .should().dependOnClassesThat().resideInAPackage("io.netty..")
            .as("the machine module does not depend on Netty");

    /** Clocks: time is an input. */
    public static final ArchRule NO_CLOCKS = noClasses().that().resideInAPackage(SCOPE)
            .should().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.InstantSource")
            .orShould().callMethodWhere(describe("a java.time now() method",
                    (JavaMethodCall c) -> c.getName().equals("now") && c.getTargetOwner().getPackageName().equals("java.time")))
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .as("the machine module reads no clock (Clock, Instant.now(), System.currentTimeMillis/nanoTime)");

    /** Randomness: it comes from the state's PRNG. */
    public static final ArchRule NO_RANDOMNESS = noClasses().that().resideInAPackage(SCOPE)
            .should().callMethod(java.util.UUID.class, "randomUUID")
            .orShould().dependOnClassesThat().areAssignableTo(java.util.Random.class)
            .orShould().dependOnClassesThat().areAssignableTo(java.util.random.RandomGenerator.class)
            .orShould().callMethod(Math.class, "random")
            .orShould().callMethod(StrictMath.class, "random")
            .as("the machine module draws no randomness of its own (UUID.randomUUID, Random, ThreadLocalRandom, "
                    + "SecureRandom, any RandomGenerator, Math.random)");

    /** Threads and executors: a step runs on its caller's thread and returns. */
    public static final ArchRule NO_THREADS = noClasses().that().resideInAPackage(SCOPE)
            .should().dependOnClassesThat().areAssignableTo(Thread.class)
            .orShould().dependOnClassesThat().areAssignableTo(java.util.concurrent.Executor.class)
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.CompletableFuture")
            .orShould().callMethodWhere(describe("parallelStream() or BaseStream.parallel()",
                    (JavaMethodCall c) -> c.getName().equals("parallelStream")
                            || (c.getName().equals("parallel") && c.getTargetOwner().isAssignableTo(java.util.stream.BaseStream.class))))
            .as("the machine module starts no threads, uses no executors and no parallel streams");

    private static final Vector<String> HASH_ORDERED = Vector.of("java.util.HashMap", "java.util.HashSet",
            "java.util.Hashtable", "java.util.IdentityHashMap", "java.util.WeakHashMap",
            "java.util.concurrent.ConcurrentHashMap", "io.vavr.collection.HashMap", "io.vavr.collection.HashSet");

    /** Hash-ordered collections, whose iteration order may differ between runs. */
    public static final ArchRule NO_HASH_ORDER = noClasses().that().resideInAPackage(SCOPE)
            .should().dependOnClassesThat(describe("hash-ordered collections (HashMap, HashSet, ...)",
                    (JavaClass c) -> HASH_ORDERED.contains(c.getName())))
            .orShould().callMethodWhere(describe("Set.of/Map.of/copyOf/ofEntries", (JavaMethodCall c) ->
                    (c.getTargetOwner().isEquivalentTo(java.util.Set.class) || c.getTargetOwner().isEquivalentTo(java.util.Map.class))
                            && Vector.of("of", "ofEntries", "copyOf").contains(c.getName())))
            .orShould().callMethodWhere(describe("Collectors that build hash-ordered collections", (JavaMethodCall c) ->
                    c.getTargetOwner().isEquivalentTo(java.util.stream.Collectors.class)
                            && Vector.of("toSet", "toMap", "toUnmodifiableSet", "toUnmodifiableMap", "groupingBy",
                                    "partitioningBy", "toConcurrentMap", "groupingByConcurrent").contains(c.getName())))
            .as("the machine module uses no HashMap/HashSet and no Set.of/Map.of (their iteration order varies)");

    /** Console output: observability goes through events. */
    public static final ArchRule NO_CONSOLE = noClasses().that().resideInAPackage(SCOPE)
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .orShould().callMethod(Throwable.class, "printStackTrace")
            .as("the machine module never prints (System.out/err, printStackTrace)");

    /** Every rule. */
    public static final Vector<ArchRule> ALL = Vector.of(NO_FILES, NO_NETWORK, NO_NETTY, NO_CLOCKS, NO_RANDOMNESS,
            NO_THREADS, NO_HASH_ORDER, NO_CONSOLE);
}
