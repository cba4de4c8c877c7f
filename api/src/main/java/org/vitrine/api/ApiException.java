package org.vitrine.api;

/**
 * A failure with an HTTP status and a message meant for the client. Routes throw it; the
 * {@link ErrorMapper} turns it, and every other failure, into {@code {"message": …}}.
 */
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ApiException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException unprocessable(String message) {
        return new ApiException(422, message);
    }
}
