package io.contingo.health.monitor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.contingo.starter.text.ReadableDuration;

/**
 * The readings a metrics monitor takes from its host's agent, each under one name in the pushed JSON body and
 * in the monitor's {@code thresholds}, and which way each goes bad.
 */
public enum HostMetric {

    /** Used space of the watched mount, in percent. */
    DISK("disk", "disk", Unit.PERCENT, Direction.HIGHER_IS_WORSE),
    /** Used inodes of the watched mount, in percent. */
    INODES("inodes", "inodes", Unit.PERCENT, Direction.HIGHER_IS_WORSE),
    /** The 1-minute load average, as in {@code /proc/loadavg} (compare it with the host's number of CPUs). */
    LOAD("load", "load", Unit.NONE, Direction.HIGHER_IS_WORSE),
    /** Busy CPU time over a short sample, in percent of all CPUs. */
    CPU("cpu", "CPU", Unit.PERCENT, Direction.HIGHER_IS_WORSE),
    /** Memory in use (total less available), in percent. */
    MEMORY("memory", "memory", Unit.PERCENT, Direction.HIGHER_IS_WORSE),
    /** Swap in use, in percent; 0 on a host without swap. */
    SWAP("swap", "swap", Unit.PERCENT, Direction.HIGHER_IS_WORSE),
    /** How far the host's clock is from a reference, in seconds; ahead (positive) and behind are alike. */
    CLOCK_DRIFT("clockDrift", "clock drift", Unit.SECONDS, Direction.EITHER_WAY),
    /** Seconds since the host booted: a low uptime is a recent reboot. */
    UPTIME("uptime", "uptime", Unit.SECONDS, Direction.LOWER_IS_WORSE),
    /** Whether the watched process runs. */
    PROCESS("process", "process", Unit.NONE, Direction.ABSENT_IS_WORSE),
    /** How far a replica is behind its primary, in seconds. */
    REPLICATION_LAG("replicationLag", "replication lag", Unit.SECONDS, Direction.HIGHER_IS_WORSE);

    /** Which readings are bad. */
    public enum Direction {
        /** At or above a threshold. */
        HIGHER_IS_WORSE("the higher it is"),
        /** At or below a threshold. */
        LOWER_IS_WORSE("the lower it is"),
        /** At or beyond a threshold either side of zero. */
        EITHER_WAY("the farther it is from zero, either way"),
        /** A yes-or-no reading: no is bad. */
        ABSENT_IS_WORSE("when absent");

        private final String worse;

        Direction(String worse) {
            this.worse = worse;
        }

        /** When a reading is worse, in words: {@code the higher it is}. */
        public String worse() {
            return worse;
        }
    }

    /** How a reading is written. */
    public enum Unit {
        NONE(""), PERCENT(" %"), SECONDS(" s");

        private final String suffix;

        Unit(String suffix) {
            this.suffix = suffix;
        }

        /** The text written after a number: {@code " %"}, {@code " s"} or nothing. */
        public String suffix() {
            return suffix;
        }
    }

    private final String key;
    private final String label;
    private final Unit unit;
    private final Direction direction;

    HostMetric(String key, String label, Unit unit, Direction direction) {
        this.key = key;
        this.label = label;
        this.unit = unit;
        this.direction = direction;
    }

    /** The name in the pushed body and in {@code thresholds}: {@code disk}, {@code clockDrift}, … */
    public String key() {
        return key;
    }

    /** The name in a detail: {@code clock drift}. */
    public String label() {
        return label;
    }

    public Unit unit() {
        return unit;
    }

    public Direction direction() {
        return direction;
    }

    /** A number reading (every metric but {@link #PROCESS}). */
    public boolean isNumber() {
        return direction != Direction.ABSENT_IS_WORSE;
    }

    /** Why a reading of this metric cannot be, or empty when it can: percentages are 0 to 100, most others not negative. */
    public Optional<String> impossible(double value) {
        if (!Double.isFinite(value)) {
            return Optional.of("must be a finite number");
        }
        if (unit == Unit.PERCENT && (value < 0 || value > 100)) {
            return Optional.of("must be a percentage from 0 to 100");
        }
        if (direction != Direction.EITHER_WAY && value < 0) {
            return Optional.of("must not be negative");
        }
        return Optional.empty();
    }

    /** A reading or threshold with its unit: {@code 97 %}, {@code 0.52}, {@code 1.5 s}. */
    public String written(double value) {
        return number(value) + unit.suffix;
    }

    /** A limit with the side that is bad: {@code ≥ 95 %}, {@code ≤ 600 s}, {@code outside ±0.5 s}. */
    public String limit(double value) {
        return switch (direction) {
            case LOWER_IS_WORSE -> "≤ ";
            case EITHER_WAY -> "outside ±";
            default -> "≥ ";
        } + written(value);
    }

    /** A reading as details and pages show it: {@link #written}, but uptime in words ({@code 3 d 4 h}). */
    public String reading(double value) {
        return this == UPTIME ? ReadableDuration.of(Duration.ofSeconds((long) value)) : written(value);
    }

    /** A number as short as it goes: {@code 97}, {@code 0.52}, {@code -2.3} (at most two decimals). */
    public static String number(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    public static Optional<HostMetric> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }

    /** Every name, in order: {@code disk, inodes, load, …}. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(HostMetric::key).toList();
    }
}
