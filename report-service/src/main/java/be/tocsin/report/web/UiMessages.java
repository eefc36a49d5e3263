package be.tocsin.report.web;

import be.tocsin.platform.web.Language;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Words of the citizen pages, English here; French, Dutch and German in
 * {@code src/main/resources/messages/ui_<lang>.properties}. Templates use them as {@code {ui:key}}.
 */
@MessageBundle(value = "ui", locale = "en")
public interface UiMessages {

    @Message("Tocsin — report a scam")
    String siteTitle();

    @Message("Report scam calls and messages, check a number, and help warn everyone.")
    String tagline();

    @Message("Skip to content")
    String skipLink();

    @Message("Report a scam")
    String navReport();

    @Message("Check a number")
    String navCheck();

    @Message("Language")
    String languageLabel();

    @Message("Report a scam call or message")
    String reportTitle();

    @Message("How were you contacted?")
    String channelLabel();

    @Message("Phone call")
    String channelCall();

    @Message("SMS")
    String channelSms();

    @Message("E-mail")
    String channelEmail();

    @Message("Website")
    String channelWebsite();

    @Message("Messaging app (WhatsApp, Telegram…)")
    String channelMessagingApp();

    @Message("Who contacted you? Number, sender name, e-mail or site address")
    String senderLabel();

    @Message("Write it as you saw it, for example 0470 12 34 56 or +39 06 9012 3459.")
    String senderHint();

    @Message("The number was hidden")
    String withheldLabel();

    @Message("When did it happen? (optional)")
    String occurredLabel();

    @Message("What did they say or write? (optional, at most 2,000 characters)")
    String messageLabel();

    @Message("Did they ask you to call or text back a number? (optional)")
    String callbackLabel();

    @Message("Send my report")
    String submit();

    @Message("Please correct the fields marked below.")
    String errorsTitle();

    @Message("Choose how you were contacted.")
    String errorChannel();

    @Message("We cannot read this as a number, sender name, e-mail or site address for this kind of contact.")
    String errorSender();

    @Message("The date must be in the past year and not in the future.")
    String errorOccurredAt();

    @Message("The text is too long (at most 2,000 characters).")
    String errorMessage();

    @Message("This is not a phone number we can read.")
    String errorCallback();

    @Message("Your form expired. Please send it again.")
    String csrfFailed();

    @Message("Thank you, your report was received")
    String receivedTitle();

    @Message("Report number")
    String reportIdLabel();

    @Message("Your receipt — keep it, it is shown only once")
    String receiptLabel();

    @Message("What to do now")
    String adviceTitle();

    @Message("Has this number already been reported?")
    String checkTitle();

    @Message("Phone number")
    String numberLabel();

    @Message("Check")
    String checkSubmit();

    @Message("Nobody has reported this number yet.")
    String verdictUnknown();

    @Message("This number has been reported.")
    String verdictReported();

    @Message("This number is suspected of belonging to a scam campaign.")
    String verdictSuspected();

    @Message("This number belongs to a confirmed scam campaign.")
    String verdictConfirmed();

    @Message("This is an official number.")
    String verdictProtected();

    @Message("Reports: {total}, of which {last30Days} in the last 30 days.")
    String reportCounts(Integer total, Integer last30Days);

    @Message("Too few reports to show figures.")
    String countsHidden();

    @Message("Read the public warning")
    String alertLink();

    @Message("In an emergency, call 112. Tocsin is run by the national cybersecurity centre.")
    String footer();
}
