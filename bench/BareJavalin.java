import io.javalin.Javalin;

/**
 * The anchor for bench/pipeline.sh: a bare Javalin app on the same libraries as ContractGate, with nothing behind
 * its routes. GET /health answers ok; POST /webhooks/chatwork reads the body and answers 200.
 * Usage: java -cp target/contractgate.jar:CLASSES BareJavalin PORT
 */
public final class BareJavalin {
    public static void main(String[] args) {
        Javalin.create(config -> {
            config.routes.get("/health", ctx -> ctx.result("ok"));
            config.routes.post("/webhooks/chatwork", ctx -> {
                ctx.bodyAsBytes();
                ctx.status(200).result("");
            });
        }).start("127.0.0.1", Integer.parseInt(args[0]));
    }
}
