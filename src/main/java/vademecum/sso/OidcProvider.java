package vademecum.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vademecum.config.SingleSignOn;
import vademecum.kernel.Refusal;

/**
 * The OpenID Connect provider, through Nimbus's OAuth 2.0 / OpenID Connect SDK: discovery, the
 * authorization code flow with PKCE, and the ID token's validation (signature against the
 * provider's published keys, issuer, audience, expiry, nonce). The keys are cached and fetched
 * again when a token names one not seen yet, which is how providers rotate them.
 */
final class OidcProvider {
  private static final Logger log = LoggerFactory.getLogger(OidcProvider.class);
  private static final int TIMEOUT_MILLIS = 5000;

  /** Said when the provider cannot be reached or answers something unusable. */
  static final String UNREACHABLE =
      "The sign-in provider could not be reached. Try again in a moment, or sign in with your"
          + " password.";

  private final SingleSignOn settings;
  private final URI callback;
  private volatile Discovered discovered;

  /** The provider's metadata and the validator built from it, once read. */
  private record Discovered(OIDCProviderMetadata metadata, IDTokenValidator validator) {}

  OidcProvider(SingleSignOn settings, URI callback) {
    this.settings = settings;
    this.callback = callback;
  }

  /** What the browser keeps between leaving for the provider and coming back. */
  record Attempt(State state, Nonce nonce, CodeVerifier verifier) {
    static Attempt fresh() {
      return new Attempt(new State(), new Nonce(), new CodeVerifier());
    }
  }

  /** Where to send the browser to sign in. */
  URI authorization(Attempt attempt) {
    OIDCProviderMetadata metadata = discovered().metadata();
    return new AuthenticationRequest.Builder(
            ResponseType.CODE,
            new Scope("openid", "email", "profile"),
            new ClientID(settings.clientId()),
            callback)
        .endpointURI(metadata.getAuthorizationEndpointURI())
        .state(attempt.state())
        .nonce(attempt.nonce())
        .codeChallenge(attempt.verifier(), CodeChallengeMethod.S256)
        .build()
        .toURI();
  }

  /**
   * Exchanges the code for tokens and validates the ID token against this attempt's nonce.
   *
   * @throws Refusal a token refused (forged, expired, for someone else, replayed) or no answer
   */
  IDTokenClaimsSet signIn(String code, Attempt attempt) {
    Discovered provider = discovered();
    JWT idToken;
    try {
      HTTPRequest request =
          new TokenRequest.Builder(
                  provider.metadata().getTokenEndpointURI(),
                  new ClientSecretBasic(
                      new ClientID(settings.clientId()), new Secret(settings.clientSecret())),
                  new AuthorizationCodeGrant(
                      new AuthorizationCode(code), callback, attempt.verifier()))
              .build()
              .toHTTPRequest();
      request.setConnectTimeout(TIMEOUT_MILLIS);
      request.setReadTimeout(TIMEOUT_MILLIS);
      TokenResponse response = OIDCTokenResponseParser.parse(request.send());
      if (!response.indicatesSuccess()) {
        log.warn(
            "The provider refused the sign-in code: {}",
            response.toErrorResponse().getErrorObject().toJSONObject());
        throw Refusal.forbidden(REFUSED);
      }
      idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
    } catch (IOException | ParseException | ClassCastException e) {
      log.warn("No usable answer from the provider's token endpoint: {}", e.toString());
      throw Refusal.unavailable(UNREACHABLE);
    }
    if (idToken == null) {
      // A plain OAuth 2 answer (the application set up without OpenID Connect): nobody is named.
      log.warn("The provider's token answer has no ID token: is OpenID Connect set up for it?");
      throw Refusal.forbidden(REFUSED);
    }
    try {
      return provider.validator().validate(idToken, attempt.nonce());
    } catch (BadJOSEException | JOSEException e) {
      // A forged or wrongly signed token, an expired one, one for another client, a replay.
      log.warn("ID token refused: {}", e.getMessage());
      throw Refusal.forbidden(REFUSED);
    }
  }

  static final String REFUSED =
      "The sign-in provider's answer could not be accepted. Start again from the sign-in page.";

  /** Where the provider signs people out, if it says. */
  Optional<URI> endSession() {
    try {
      return Optional.ofNullable(discovered().metadata().getEndSessionEndpointURI());
    } catch (Refusal unreachable) {
      return Optional.empty();
    }
  }

  /**
   * Reads the provider's metadata on first use, and again after a failure: a provider unreachable
   * when the instance starts must not stop it, nor keep sign-on off once it is back.
   */
  private Discovered discovered() {
    Discovered known = discovered;
    if (known != null) {
      return known;
    }
    synchronized (this) {
      if (discovered == null) {
        try {
          OIDCProviderMetadata metadata =
              OIDCProviderMetadata.resolve(
                  new Issuer(settings.issuer()), TIMEOUT_MILLIS, TIMEOUT_MILLIS);
          JWKSource<SecurityContext> keys =
              JWKSourceBuilder.create(metadata.getJWKSetURI().toURL()).retrying(true).build();
          discovered =
              new Discovered(
                  metadata,
                  new IDTokenValidator(
                      metadata.getIssuer(),
                      new ClientID(settings.clientId()),
                      new JWSVerificationKeySelector<>(signingAlgorithms(metadata), keys),
                      null));
        } catch (GeneralException | IOException | IllegalArgumentException e) {
          log.warn("Single sign-on provider {} not reachable: {}", settings.issuer(), e.toString());
          throw Refusal.unavailable(UNREACHABLE);
        }
      }
      return discovered;
    }
  }

  /**
   * The provider's algorithms with a public key: a token "signed" with none, or with the client
   * secret (HMAC), is never accepted.
   */
  private static Set<JWSAlgorithm> signingAlgorithms(OIDCProviderMetadata metadata) {
    Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
    List<JWSAlgorithm> listed = metadata.getIDTokenJWSAlgs();
    for (JWSAlgorithm algorithm : listed == null ? List.of(JWSAlgorithm.RS256) : listed) {
      if (JWSAlgorithm.Family.RSA.contains(algorithm)
          || JWSAlgorithm.Family.EC.contains(algorithm)
          || JWSAlgorithm.Family.ED.contains(algorithm)) {
        algorithms.add(algorithm);
      }
    }
    if (algorithms.isEmpty()) {
      algorithms.add(JWSAlgorithm.RS256);
    }
    return algorithms;
  }
}
