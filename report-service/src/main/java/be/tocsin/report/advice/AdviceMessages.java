package be.tocsin.report.advice;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Advice sentences, English here; French, Dutch and German in
 * {@code src/main/resources/messages/advice_<lang>.properties}.
 */
@MessageBundle(value = "advice", locale = "en")
public interface AdviceMessages {

    @Message("Never call this number back: a return call can cost money and tells the scammers your line is active.")
    String neverCallBack();

    @Message("Do not call or text {number}: it is the number the scammers want you to contact.")
    String doNotContactCallback(String number);

    @Message("{number} is a premium-rate number: every minute or message to it is charged to you at a high price.")
    String premiumRate(String number);

    @Message("This number is registered abroad ({country}). If you know nobody in that country, do not answer and do not call back.")
    String foreignNumber(String country);

    @Message("Do not open the links in the message and never enter codes, passwords or card details on the site it leads to.")
    String doNotOpenLinks();

    @Message("Your bank, the police and public services never ask you for card codes, passwords or to confirm a payment by phone, SMS or e-mail.")
    String bankNeverAsks();

    @Message("Tell your telephone operator, and block the number on your phone.")
    String tellOperator();

    @Message("If you gave bank details or codes, call Card Stop at once on 078 170 170 and tell your bank.")
    String cardStop();

    @Message("A public warning covers this number: {url}")
    String publishedAlert(String url);

    @Message("This is an official number that scammers sometimes imitate (spoofing). If the call or message seemed suspicious, hang up and call the service yourself on the number you find on its official website.")
    String protectedNumber();

    @Message("Thank you: your report helps warn others. Keep your receipt to follow what becomes of it.")
    String thanks();
}
