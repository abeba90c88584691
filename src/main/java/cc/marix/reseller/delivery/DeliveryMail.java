package cc.marix.reseller.delivery;

/** A composed e-mail: subject, plain text and HTML bodies. */
public record DeliveryMail(String to, String subject, String text, String html) {

    /** Never print the codes or the address. */
    @Override
    public String toString() {
        return "DeliveryMail[" + subject + "]";
    }
}
