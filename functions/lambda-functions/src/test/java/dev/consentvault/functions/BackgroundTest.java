package dev.consentvault.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class BackgroundTest {

    @Test
    void theWorkRunsOnAnotherThreadAndItsResultIsHandedBack() {
        Thread caller = Thread.currentThread();
        Supplier<Thread> ranOn = Background.start("test", Thread::currentThread);

        assertNotEquals(caller, ranOn.get());
        assertSame(ranOn.get(), ranOn.get(), "asked again, the same result");
    }

    @Test
    void aFailureIsThrownToTheCallerAsItsOwnException() {
        IllegalStateException failure = new IllegalStateException("index key table missing");
        Supplier<Object> failing =
                Background.start(
                        "test",
                        () -> {
                            throw failure;
                        });

        assertSame(failure, assertThrows(IllegalStateException.class, failing::get));
        assertEquals("index key table missing", failure.getMessage());
    }
}
