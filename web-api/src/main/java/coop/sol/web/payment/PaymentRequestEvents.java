package coop.sol.web.payment;

import coop.sol.ledger.payment.PaymentRequest;
import coop.sol.ledger.payment.PaymentRequestStore;
import coop.sol.web.database.InstanceBroadcasts;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes a payment request's status to the tills watching it, as server-sent events: one {@code
 * status} event (the request, as {@code GET} shows it) at once, then one each time it changes; the
 * stream ends once the request is PAID, EXPIRED or CANCELLED.
 *
 * <p>Changes made by this instance are pushed at once, and so are those of other instances, which
 * tell this one through {@link InstanceBroadcasts} ({@code LISTEN/NOTIFY}); the subscribed requests
 * are also re-read every second ({@code sol.payment-requests.poll-interval}), which catches expiry
 * (a status that changes by the clock alone) and any change whose notice was lost.
 */
@Component
class PaymentRequestEvents implements DisposableBean {
  static final String EVENT = "status";
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  /** Longest a stream stays open; a till that still waits subscribes again. */
  private static final Duration MAX_STREAM = Duration.ofHours(1);

  private static final Logger log = LoggerFactory.getLogger(PaymentRequestEvents.class);

  private final PaymentRequestStore store;
  private final PaymentViews views;
  private final Clock clock;
  private final Map<String, List<Subscription>> byRequest = new ConcurrentHashMap<>();
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "payment-request-events");
            thread.setDaemon(true);
            return thread;
          });

  PaymentRequestEvents(
      PaymentRequestStore store,
      PaymentViews views,
      Clock clock,
      InstanceBroadcasts broadcasts,
      @Value("${sol.payment-requests.poll-interval:1s}") Duration poll) {
    this.store = store;
    this.clock = clock;
    this.views = views;
    broadcasts.subscribe(InstanceBroadcasts.Topic.PAYMENT_REQUESTS, this::changed);
    poller.scheduleWithFixedDelay(this::poll, 1, poll.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One watcher's stream, and what it was last told. */
  private final class Subscription {
    final String requestId;
    final SseEmitter emitter;
    String lastState;
    Instant lastSent = clock.instant();
    boolean closed;

    Subscription(String requestId, SseEmitter emitter) {
      this.requestId = requestId;
      this.emitter = emitter;
    }
  }

  /** A stream of the request's status, starting with the current one. */
  SseEmitter subscribe(PaymentRequest request) {
    Duration untilSettled =
        Duration.between(clock.instant(), request.expiresAt())
            .plus(PaymentRequest.CLAIM_TIMEOUT)
            .plusSeconds(5);
    long timeout = Math.max(1_000, Math.min(untilSettled.toMillis(), MAX_STREAM.toMillis()));
    SseEmitter emitter = new SseEmitter(timeout);
    Subscription subscription = new Subscription(request.id(), emitter);
    byRequest.computeIfAbsent(request.id(), id -> new CopyOnWriteArrayList<>()).add(subscription);
    emitter.onCompletion(() -> remove(subscription));
    emitter.onTimeout(
        () -> {
          remove(subscription);
          emitter.complete();
        });
    emitter.onError(error -> remove(subscription));
    push(subscription, request);
    return emitter;
  }

  /**
   * The request changed, here or on another instance: tell its watchers now rather than at the next
   * poll.
   */
  void changed(String requestId) {
    List<Subscription> watchers = byRequest.get(requestId);
    if (watchers == null || watchers.isEmpty()) {
      return;
    }
    store.find(requestId).ifPresent(request -> watchers.forEach(s -> push(s, request)));
  }

  private void poll() {
    try {
      if (byRequest.isEmpty()) {
        return;
      }
      for (PaymentRequest request : store.findAll(List.copyOf(byRequest.keySet()))) {
        List<Subscription> watchers = byRequest.get(request.id());
        if (watchers != null) {
          watchers.forEach(s -> push(s, request));
        }
      }
    } catch (RuntimeException e) {
      // the database may be down for a moment; watchers are told at a later poll
      log.warn("Could not refresh the payment requests being watched: {}", e.toString());
    }
  }

  private void push(Subscription subscription, PaymentRequest request) {
    PaymentRequestView view = views.of(request);
    String state = view.status() + (view.paymentInProgress() ? "+paying" : "");
    synchronized (subscription) {
      if (subscription.closed) {
        return;
      }
      try {
        if (state.equals(subscription.lastState)) {
          if (subscription.lastSent.plus(KEEP_ALIVE).isBefore(clock.instant())) {
            // a comment line, so that proxies do not drop a quiet connection
            subscription.emitter.send(SseEmitter.event().comment("waiting"));
            subscription.lastSent = clock.instant();
          }
          return;
        }
        subscription.emitter.send(
            SseEmitter.event().name(EVENT).data(view, MediaType.APPLICATION_JSON));
        subscription.lastState = state;
        subscription.lastSent = clock.instant();
        if (!view.status().equals(PaymentRequest.Status.OPEN.name())) {
          subscription.closed = true;
          subscription.emitter.complete();
          remove(subscription);
        }
      } catch (IOException | IllegalStateException gone) {
        // the till went away, or the stream already ended
        subscription.closed = true;
        remove(subscription);
      }
    }
  }

  private void remove(Subscription subscription) {
    byRequest.computeIfPresent(
        subscription.requestId,
        (id, watchers) -> {
          watchers.remove(subscription);
          return watchers.isEmpty() ? null : watchers;
        });
  }

  @Override
  public void destroy() {
    poller.shutdownNow();
    byRequest.values().forEach(watchers -> watchers.forEach(s -> s.emitter.complete()));
    byRequest.clear();
  }
}
