export const context = {
  request_id: "1-6566d4a0-15b9c5e0-8a4d5b7e3c2f",
  credentials: { access_key_id: "", access_key_secret: "", security_token: "" },
  function: { name: "resize-image", handler: "index.handler", memory: 512, timeout: "60" },
  service: { name: "media", log_project: null, log_store: null, qualifier: "LATEST", version_id: null },
  region: "cn-shanghai",
  account_id: "1234567890123456",
  retry_count: "0",
  tracing: { span_context: null, span_baggages: {}, jaeger_endpoint: null },
};
