package cc.marix.reseller.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * What one request costs on Lambda at a memory size, from the CPU it needs and the time it waits on DynamoDB. Lambda
 * gives a function CPU in proportion to its memory (1,769 MB is one vCPU) and bills milliseconds of duration times
 * memory, plus a price per request. A request runs on one thread, so past one vCPU more memory buys no speed.
 */
final class LambdaCost {

    /** AWS Lambda list prices, us-east-1, first tier (aws.amazon.com/lambda/pricing; BENCHMARKS.md gives the date). */
    enum Architecture {
        X86_64(new BigDecimal("0.0000166667")), ARM64(new BigDecimal("0.0000133334"));

        final BigDecimal perGbSecond;

        Architecture(BigDecimal perGbSecond) {
            this.perGbSecond = perGbSecond;
        }
    }

    static final BigDecimal PER_REQUEST = new BigDecimal("0.0000002");
    static final int ONE_VCPU_MB = 1769;

    private LambdaCost() {
    }

    /** Duration in whole milliseconds (Lambda bills each started millisecond). */
    static long billedMillis(double cpuMillis, double waitMillis, int memoryMb) {
        double slowdown = Math.max(1.0, (double) ONE_VCPU_MB / memoryMb);
        return (long) Math.ceil(cpuMillis * slowdown + waitMillis);
    }

    /** Dollars per million requests. */
    static BigDecimal perMillion(double cpuMillis, double waitMillis, int memoryMb, Architecture architecture) {
        BigDecimal gbSeconds = BigDecimal.valueOf(billedMillis(cpuMillis, waitMillis, memoryMb))
                .multiply(BigDecimal.valueOf(memoryMb))
                .divide(BigDecimal.valueOf(1024L * 1000L), MathContext.DECIMAL64);
        return gbSeconds.multiply(architecture.perGbSecond).add(PER_REQUEST).multiply(BigDecimal.valueOf(1_000_000))
                .setScale(2, RoundingMode.HALF_UP);
    }
}
