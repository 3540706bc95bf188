package dev.contractgate.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contractgate.config.MsTeamsConfig;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class ServiceUrlsTest {
    private final ServiceUrls defaults = new ServiceUrls(MsTeamsConfig.defaults().allowedHosts());

    @Test
    void allowsTheMicrosoftHostsOverHttps() {
        assertThat(defaults.allowed("https://smba.trafficmanager.net/amer/").host()).isEqualTo("smba.trafficmanager.net");
        assertThat(defaults.allowed("https://emea.ng.msg.teams.microsoft.com/").host()).isEqualTo("emea.ng.msg.teams.microsoft.com");
        assertThat(defaults.allowed("https://europe.webchat.botframework.com").host()).isEqualTo("europe.webchat.botframework.com");
    }

    @Test
    void refusesLookAlikesOtherTrafficManagerNamesAndPlainHttp() {
        for (String url : List.of("https://evil.trafficmanager.net/", "https://botframework.com.evil.example/",
                "https://evilbotframework.com/", "https://teams.microsoft.com/", "http://smba.trafficmanager.net/",
                "not a url")) {
            assertThatThrownBy(() -> defaults.allowed(url)).as(url).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void buildsTheSameConnectorPathWithOrWithoutATrailingSlash() {
        for (String serviceUrl : List.of("https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/amer")) {
            HttpUrl url = defaults.allowed(serviceUrl).newBuilder().addPathSegment("v3").addPathSegment("conversations")
                    .addEncodedPathSegment(TeamsConnectorClient.encode("a:1x")).addPathSegment("activities").build();
            assertThat(url.encodedPath()).as(serviceUrl).isEqualTo("/amer/v3/conversations/a%3A1x/activities");
        }
    }
}
