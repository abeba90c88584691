package cc.marix.reseller.delivery;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

/** Hands the e-mail to the SMTP server (Amazon SES's SMTP interface in AWS); returns once the server accepted it. */
@ApplicationScoped
public class CustomerMailer {

    static final String MESSAGE_ID_DOMAIN = "orders.reseller";

    private final Mailer mailer;

    public CustomerMailer(Mailer mailer) {
        this.mailer = mailer;
    }

    /**
     * Throws when the server did not accept the message: unreachable, refused, timed out. The Message-ID is the same
     * for every attempt of one order, so a copy sent twice (the server accepted, we never heard) threads as one.
     */
    public void send(DeliveryMail mail, String messageKey) {
        mailer.send(Mail.withText(mail.to(), mail.subject(), mail.text()).setHtml(mail.html())
                .addHeader("Message-ID", "<" + messageKey + "@" + MESSAGE_ID_DOMAIN + ">"));
    }
}
