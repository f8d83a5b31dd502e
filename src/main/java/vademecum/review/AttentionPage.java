package vademecum.review;

import java.util.List;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/** What needs an owner's or editor's attention in a workspace, most urgent first. */
public record AttentionPage(Chrome chrome, Workspace workspace, List<ReviewService.Item> items) {}
