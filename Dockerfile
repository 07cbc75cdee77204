# For people with a Docker engine: docker compose up --build (see README). CI here has no engine.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:25-jre
# The Japanese font of the PDF reports ships inside the app (IPAex Gothic, PdfReports); nothing to install.
WORKDIR /app
COPY --from=build /src/platform-app/target/platform-app-0.1.0-SNAPSHOT.jar app.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
