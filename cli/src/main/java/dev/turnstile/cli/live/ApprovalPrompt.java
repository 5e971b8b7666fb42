package dev.turnstile.cli.live;

import dev.turnstile.host.Session;
import dev.turnstile.host.observe.Observation;
import dev.turnstile.machine.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Asks at the terminal about every tool call that waits for approval ({@code run --approve ask}):
 * shows the call on the prompt stream and reads {@code y} or {@code n} from the input. Anything but
 * {@code y}/{@code yes} denies; so does the end of the input (a closed or piped stdin), so an
 * unattended run never approves by accident.
 */
public final class ApprovalPrompt implements Consumer<Observation> {

    private final Session session;
    private final Consumer<Observation> display;
    private final PrintStream prompt;
    private final BufferedReader answers;
    private final String principal;

    /**
     * @param display what shows observations (the approval request is shown there first)
     * @param prompt where the question is printed
     * @param answers where answers are read, a line each
     * @param principal who decides, recorded with the decision
     */
    public ApprovalPrompt(Session session, Consumer<Observation> display, PrintStream prompt, BufferedReader answers,
            String principal) {
        this.session = Objects.requireNonNull(session, "session");
        this.display = Objects.requireNonNull(display, "display");
        this.prompt = Objects.requireNonNull(prompt, "prompt");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.principal = Objects.requireNonNull(principal, "principal");
    }

    @Override
    public void accept(Observation observation) {
        display.accept(observation);
        if (observation instanceof Observation.EventObserved(long cursor, Event.ApprovalRequested request)) {
            if (display instanceof LiveView view) {
                view.endLine();
            }
            prompt.print("approve " + request.call().name() + " " + Text.oneLine(request.call().argumentsJson(), 200)
                    + "? [y/N] ");
            prompt.flush();
            String answer = readAnswer();
            if (answer == null) {
                prompt.println("(no answer: the input ended) denied");
                session.deny(request.approvalId(), principal, "no answer at the terminal (input closed)");
            } else if (answer.equals("y") || answer.equals("yes")) {
                session.approve(request.approvalId(), principal, "approved at the terminal");
            } else {
                session.deny(request.approvalId(), principal, "denied at the terminal");
            }
        }
    }

    private String readAnswer() {
        try {
            String line = answers.readLine();
            return line == null ? null : line.strip().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return null;
        }
    }
}
