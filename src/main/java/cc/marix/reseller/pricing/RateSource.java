package cc.marix.reseller.pricing;

/** Where {@link Prices} gets exchange rates; the table in the functions, a fixed map in unit tests. */
public interface RateSource {

    RatePair pair(PriceCurrency from, PriceCurrency to);
}
