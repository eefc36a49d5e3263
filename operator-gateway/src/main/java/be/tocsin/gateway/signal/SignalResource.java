package be.tocsin.gateway.signal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;

import be.tocsin.gateway.operator.OperatorAudit;
import be.tocsin.gateway.operator.OperatorIdentity;
import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.eventing.outbox.Outbox;
import be.tocsin.platform.problem.Problem;
import be.tocsin.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** What an operator's own network saw, passed on to alert-service as {@code operator.signal.received}. */
@Path("/api/v1/signals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("operator")
public class SignalResource {

    private static final int MAX_INDICATORS = 50;
    private static final int MAX_NOTE = 1_000;

    public record Indicator(String type, String value) {
    }

    public record Signal(List<Indicator> indicators, Long observedCalls, Instant windowStart, Instant windowEnd,
            String note) {
    }

    public record Accepted(UUID signalId) {
    }

    private final OperatorIdentity operator;
    private final Outbox outbox;
    private final OperatorAudit audit;

    public SignalResource(OperatorIdentity operator, Outbox outbox, OperatorAudit audit) {
        this.operator = operator;
        this.outbox = outbox;
        this.audit = audit;
    }

    @POST
    @Transactional
    @Operation(summary = "Report what your network saw (a burst of one-ring calls from a range, say)")
    public Response signal(Signal signal) {
        String operatorId = operator.operatorId();
        List<Map<String, String>> indicators = validate(signal);
        UUID signalId = UUID.randomUUID();
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("start", signal.windowStart());
        window.put("end", signal.windowEnd());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("signalId", signalId);
        data.put("operatorId", operatorId);
        data.put("indicators", indicators);
        data.put("observedCalls", signal.observedCalls());
        data.put("window", window);
        data.put("note", signal.note());
        data.put("receivedAt", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        outbox.publish(EventTypes.OPERATOR_SIGNAL_RECEIVED, data);
        audit.record(operatorId, OperatorAudit.SIGNAL, signalId + ": " + indicators.size() + " indicator(s)");
        return Response.accepted(new Accepted(signalId)).build();
    }

    private static List<Map<String, String>> validate(Signal signal) {
        if (signal == null) {
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, "no-body", "A signal needs a JSON body."));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        List<Map<String, String>> indicators = new ArrayList<>();
        if (signal.indicators() == null || signal.indicators().isEmpty() || signal.indicators().size() > MAX_INDICATORS) {
            errors.add(new Problem.FieldError("indicators", "needs between 1 and " + MAX_INDICATORS + " indicators"));
        } else {
            for (int i = 0; i < signal.indicators().size(); i++) {
                Indicator indicator = signal.indicators().get(i);
                String type = indicator == null ? null : indicator.type();
                var value = indicator == null ? java.util.Optional.<String>empty()
                        : SignalIndicators.normalise(type, indicator.value());
                if (value.isEmpty()) {
                    errors.add(new Problem.FieldError("indicators[" + i + "]",
                            "must be a NUMBER or CALLBACK_NUMBER in E.164, a NUMBER_RANGE (E.164 prefix), "
                                    + "a URL_DOMAIN or a SENDER_ID"));
                } else {
                    indicators.add(Map.of("type", type, "value", value.get()));
                }
            }
        }
        if (signal.observedCalls() != null && (signal.observedCalls() < 0 || signal.observedCalls() > Integer.MAX_VALUE)) {
            errors.add(new Problem.FieldError("observedCalls", "must be between 0 and " + Integer.MAX_VALUE));
        }
        if (signal.windowStart() != null && signal.windowEnd() != null && signal.windowStart().isAfter(signal.windowEnd())) {
            errors.add(new Problem.FieldError("windowEnd", "is before windowStart"));
        }
        if (signal.note() != null && signal.note().length() > MAX_NOTE) {
            errors.add(new Problem.FieldError("note", "is longer than " + MAX_NOTE + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return indicators;
    }
}
