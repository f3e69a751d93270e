package io.github.wxlogin.simulator;

/**
 * What a platform other than WeChat's client (its {@code tt.login()}, phone button, open-data APIs)
 * would hand a mini program, behind the {@code /sim/} controls: {@link PhoneControls} sends the
 * controls of an app to the stand-in of its platform. Each method gets the app and the test user
 * already checked, and the request's body for anything else it reads; it answers in that platform's
 * own form.
 */
interface PlatformStandIn {

    /** {@code POST /sim/login}: {@code {"code"}} (and what else the platform's login gives). */
    SimResponse login(SimApp app, String user, Body body);

    /** {@code POST /sim/phone-code}: the platform's phone proof for {@code phoneNumber}. */
    SimResponse phoneCode(SimApp app, String user, String phoneNumber, String countryCode, Body body);

    /** {@code POST /sim/open-data}: {@code data} as the platform's client would give it encrypted. */
    SimResponse openData(SimApp app, String user, Body body);

    /** {@code GET /sim/session}: what the platform holds for the user now. */
    SimResponse session(SimApp app, String user);
}
