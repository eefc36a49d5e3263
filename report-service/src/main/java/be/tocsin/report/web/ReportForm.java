package be.tocsin.report.web;

import org.jboss.resteasy.reactive.RestForm;

/** The fields of the report form, as typed; shown again with the errors when something is wrong. */
public class ReportForm {

    @RestForm
    public String channel = "CALL";

    @RestForm
    public String sender;

    @RestForm
    public boolean senderWithheld;

    @RestForm
    public String occurredAt;

    @RestForm
    public String message;

    @RestForm
    public String callbackNumber;

    @RestForm
    public String csrf;
}
