package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.helpline.config.HelplineConfig;
import org.helpline.config.SessionSettings;
import org.helpline.support.Browser;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * A session ends at its absolute end whatever the counsellor does: ten minutes before, the console says when, and the
 * notice stays (here the sessions last five minutes, so it shows at once).
 */
class SessionEndWarningBrowserIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config());

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors(TestConfig.counsellor("ending.amina", 2));
        return ConfigBuilder.from(base).sessions(new SessionSettings(base.sessions().idle(), Duration.ofMinutes(5),
                base.sessions().passwordIterations())).build();
    }

    @Test
    void theConsoleSaysWhenTheSessionEndsTenMinutesBefore() {
        try (Browser counsellor = Browser.open(1280, 900)) {
            counsellor.get("http://localhost:" + helpline.port(0) + "/console/");
            counsellor.logIn("ending.amina", TestConfig.PASSWORD);
            counsellor.visible(By.id("workspace"));
            counsellor.textAppears(By.id("console-notice"), "Your session ends at");
            counsellor.textAppears(By.id("console-notice"), "then log out and in again");
            assertTrue(counsellor.find(By.id("console-notice")).isDisplayed());
        }
    }
}
