package cc.marix.reseller.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.bench.LambdaCost.Architecture;

class LambdaCostTest {

    @Test
    void billedMillis_shouldStretchCpuByTheVcpuShare_whenBelowOneVcpu() {
        // 256 MB is 256/1769 of a vCPU: 1 ms of CPU takes 6.91 ms, plus 10 ms waiting, rounded up
        assertEquals(17, LambdaCost.billedMillis(1.0, 10.0, 256));
    }

    @Test
    void billedMillis_shouldNotGoBelowTheCpuTime_whenAboveOneVcpu() {
        // one request is one thread: 3,538 MB (two vCPUs) runs it no faster than 1,769 MB
        assertEquals(LambdaCost.billedMillis(2.0, 0, 1769), LambdaCost.billedMillis(2.0, 0, 3538));
        assertEquals(2, LambdaCost.billedMillis(2.0, 0, 3538));
    }

    @Test
    void perMillion_shouldBeDurationTimesMemoryTimesPricePlusRequests() {
        // 100 ms at 1024 MB = 0.1 GB-s: 0.1 * 0.0000166667 + 0.0000002 = 0.00000186667 a request
        assertEquals(new BigDecimal("1.87"), LambdaCost.perMillion(0, 100, 1024, Architecture.X86_64));
        assertEquals(new BigDecimal("1.53"), LambdaCost.perMillion(0, 100, 1024, Architecture.ARM64));
    }

    @Test
    void perMillion_shouldCostTheSameForCpu_atAnyMemoryBelowOneVcpu() {
        // CPU-bound time shrinks as memory grows, so its cost stays put (up to the millisecond rounding)
        BigDecimal small = LambdaCost.perMillion(10, 0, 128, Architecture.X86_64);
        BigDecimal large = LambdaCost.perMillion(10, 0, 1024, Architecture.X86_64);
        assertTrue(small.subtract(large).abs().compareTo(new BigDecimal("0.02")) <= 0, small + " vs " + large);
    }
}
