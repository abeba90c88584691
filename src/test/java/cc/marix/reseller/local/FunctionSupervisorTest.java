package cc.marix.reseller.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which deaths of a function process use up run-local's crash point ({@code CRASH_AT}). */
class FunctionSupervisorTest {

    @Test
    void theHaltAtTheCrashPoint_shouldDisarmIt() {
        assertTrue(FunctionSupervisor.diedAtCrashPoint(137));
    }

    @Test
    void anyOtherDeath_shouldLeaveItArmed() {
        for (int status : new int[] {0, 1, 2, 130, 143, -1}) {
            assertFalse(FunctionSupervisor.diedAtCrashPoint(status), "exit status " + status);
        }
    }
}
