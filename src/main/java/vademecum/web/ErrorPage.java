package vademecum.web;

/** Any 4xx or 5xx answer shown to a person: what happened and a way back. */
public record ErrorPage(
    Chrome chrome, int status, String title, String message, String backUrl, String backLabel) {}
