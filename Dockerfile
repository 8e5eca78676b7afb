# One image for every role: `sweep run`, `sweep node --roles coordinator|trainer ...`, and the CLI client.
# Build:  docker build -t sweep .            (CPU; add --build-arg TORCH_BACKEND=cuda on a registry that has TorchSharp-cuda-linux)
# Run:    docker run --rm -v $PWD/results:/app/results sweep run specs/fashion-mnist-default.yaml
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TORCH_BACKEND=cpu
WORKDIR /src
COPY . .
RUN dotnet publish src/Sweep.Cli -c Release -o /app -p:TorchBackend=${TORCH_BACKEND}

FROM mcr.microsoft.com/dotnet/runtime:10.0
# libgomp for libtorch; the Fashion-MNIST IDX files from Debian.
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 dataset-fashion-mnist && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
COPY specs /app/specs
COPY cluster-config /app/cluster-config
# Akka remoting: bind with --host 0.0.0.0 --public-host <name> inside a container network (docker-compose.example.yml).
EXPOSE 4053
ENTRYPOINT ["dotnet", "/app/sweep.dll"]
CMD ["--help"]
