package io.github.wxlogin.simulator;

/** What a getPhoneNumber code stands for: the user's number without and with its country code. */
record PhoneGrant(String user, String purePhoneNumber, String countryCode) {

    /** Mainland numbers come bare; others carry "+country " in front, as WeChat sends them. */
    String phoneNumber() {
        return "86".equals(countryCode) ? purePhoneNumber : "+" + countryCode + " " + purePhoneNumber;
    }
}
