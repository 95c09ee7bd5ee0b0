package io.contingo.starter.relay;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background loop of a relay (an outbox, a mail queue): runs a round, then waits for {@link #wake()} or
 * the period, and again, on its own platform thread. A round that fails is logged and tried again a second
 * later. Nothing but {@link #stop(Duration)} ends the loop, so queued work is never left behind.
 */
public final class RelayLoop {

    private static final Logger log = LoggerFactory.getLogger(RelayLoop.class);
    private static final Duration BACK_OFF = Duration.ofSeconds(1);

    private final String name;
    private final Duration period;
    private final Runnable round;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Thread worker;

    public RelayLoop(String name, Duration period, Runnable round) {
        this.name = name;
        this.period = period;
        this.round = round;
    }

    public synchronized void start() {
        Thread thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
        worker = thread; // before start(): the loop runs while worker is set
        thread.start();
    }

    /** Stops after the round in progress, waiting for it at most {@code patience}. */
    public synchronized void stop(Duration patience) {
        Thread running = worker;
        worker = null;
        if (running != null) {
            wake();
            try {
                running.join(patience);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isRunning() {
        return worker != null;
    }

    /** Starts the next round now rather than at the end of the period. */
    public void wake() {
        wakeUp.release();
    }

    private void run() {
        while (worker != null) {
            try {
                round.run();
                wakeUp.tryAcquire(period.toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                Thread.interrupted(); // only stop() ends the loop
            } catch (RuntimeException e) {
                log.warn("{} round failed, trying again in {} s: {}", name, BACK_OFF.toSeconds(), e.getMessage());
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(BACK_OFF);
        } catch (InterruptedException e) {
            Thread.interrupted();
        }
    }
}
