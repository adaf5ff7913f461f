package io.miaopu.chassis.rest;

import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code page} counts from 0; {@code total} is the number of matches. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
    /** Deep enough for any real list; keeps page × size far from overflowing. */
    public static final int MAX_PAGE = 100_000;

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
