//! kgen-sandbox: a local, persistent emulator of the KGeN platform APIs.
