/** @module version - Confab's own version and the Rasa release whose protocols it speaks. */
export const CONFAB_VERSION = "0.1.0";
/** Reported where Rasa reports its version (`/version`, action-server requests); rasa-sdk checks it. */
export const RASA_VERSION = "3.6.21";
export const MINIMUM_COMPATIBLE_VERSION = "3.5.0";
