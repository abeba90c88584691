package cc.marix.reseller.payment;

/** One step in a payment's history: when, from where (api, callback, poll, reconcile), the provider status, a note. */
public record PaymentEvent(String at, String origin, String providerStatus, String detail) {
}
