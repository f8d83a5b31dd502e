package vademecum.webhook;

import java.util.List;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/** A workspace's webhooks and their latest deliveries; {@code added} right after adding one. */
public record WebhooksPage(
    Chrome chrome,
    Workspace workspace,
    List<WebhookRepository.Webhook> webhooks,
    List<WebhookRepository.Delivery> deliveries,
    WebhookRepository.Webhook added,
    String error) {}
