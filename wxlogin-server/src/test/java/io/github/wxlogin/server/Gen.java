package io.github.wxlogin.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A generator of test inputs from a seeded {@link Random}, and {@link #forAll}, which checks a property
 * over many generated inputs: a small property-based-testing harness on plain JUnit Jupiter.
 *
 * <p>Each try draws its input from a {@code Random} of its own seed. A failure names that seed; run the
 * one test again with {@code -Dwxlogin.property.seed=<seed>} and it replays exactly that input (the
 * service's state aside). There is no shrinking: the generators favour small values and the failure
 * message shows the input, shortened.
 *
 * <p>Written instead of adding jqwik: from 1.10 on, jqwik's maintainers ask that it not be used with AI
 * coding agents (this suite was written by one), and jqwik 1.10.1 is built on JUnit Platform 1.14 while
 * this build runs Platform 6.
 */
@FunctionalInterface
interface Gen<T> {

    T next(Random random);

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return random -> f.apply(next(random));
    }

    default <R> Gen<R> flatMap(Function<? super T, Gen<R>> f) {
        return random -> f.apply(next(random)).next(random);
    }

    static <T> Gen<T> constant(T value) {
        return random -> value;
    }

    @SafeVarargs
    static <T> Gen<T> elements(T... values) {
        return random -> values[random.nextInt(values.length)];
    }

    static <T> Gen<T> elements(List<T> values) {
        return random -> values.get(random.nextInt(values.size()));
    }

    /** One of the generators, each as likely. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        return random -> gens[random.nextInt(gens.length)].next(random);
    }

    /** An int in [min, max], with the bounds themselves drawn more often than their share. */
    static Gen<Integer> between(int min, int max) {
        return random -> switch (random.nextInt(8)) {
            case 0 -> min;
            case 1 -> max;
            default -> min + random.nextInt(max - min + 1);
        };
    }

    static <T> Gen<List<T>> listOf(Gen<T> element, int maxSize) {
        return random -> {
            int size = random.nextInt(maxSize + 1);
            List<T> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(element.next(random));
            }
            return list;
        };
    }

    /**
     * Checks {@code property} on {@code tries} inputs of {@code gen} (or on the one input of the seed
     * given as {@code -Dwxlogin.property.seed}); the first failure ends the run, naming its seed and input.
     */
    static <T> void forAll(int tries, Gen<T> gen, Consumer<T> property) {
        String fixed = System.getProperty("wxlogin.property.seed");
        Random seeds = new Random();
        int count = fixed == null || fixed.isBlank() ? tries : 1;
        for (int i = 0; i < count; i++) {
            long seed =
                    count == 1 && fixed != null && !fixed.isBlank() ? Long.parseLong(fixed.strip()) : seeds.nextLong();
            T input = gen.next(new Random(seed));
            try {
                property.accept(input);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(
                        "property falsified on try " + (i + 1) + " of " + count + " (replay: -Dwxlogin.property.seed="
                                + seed + ")\ninput: " + input + "\n" + e.getMessage(),
                        e);
            }
        }
    }
}
